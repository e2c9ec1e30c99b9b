import Foundation

/// The per-query scores rag-eval reports, computed as pytrec_eval does: graded gains
/// with a log2 discount for nDCG, the ideal ranking taken from the qrels.
struct RetrievalMetrics {
    var ndcgAt10 = 0.0
    var recallAt10 = 0.0
    var recallAt100 = 0.0
    var reciprocalRankAt10 = 0.0

    /// The scores of one ranked list (`ranking`: document ids, best first) against the
    /// relevance grades of that query (`grades`: only documents graded above 0).
    init(ranking: [String], grades: [String: Int]) {
        guard !grades.isEmpty else { return }
        ndcgAt10 = Self.ndcg(ranking: ranking, grades: grades, depth: 10)
        recallAt10 = Self.recall(ranking: ranking, grades: grades, depth: 10)
        recallAt100 = Self.recall(ranking: ranking, grades: grades, depth: 100)
        if let first = ranking.prefix(10).firstIndex(where: { grades[$0] != nil }) {
            reciprocalRankAt10 = 1 / Double(first + 1)
        }
    }

    init() {}

    static func ndcg(ranking: [String], grades: [String: Int], depth: Int) -> Double {
        func dcg(_ gains: some Sequence<Int>) -> Double {
            zip(gains, 0...).reduce(0) { sum, pair in sum + Double(pair.0) / log2(Double(pair.1) + 2) }
        }
        let ideal = dcg(grades.values.sorted(by: >).prefix(depth))
        guard ideal > 0 else { return 0 }
        return dcg(ranking.prefix(depth).map { grades[$0] ?? 0 }) / ideal
    }

    static func recall(ranking: [String], grades: [String: Int], depth: Int) -> Double {
        let found = ranking.prefix(depth).filter { grades[$0] != nil }.count
        return Double(found) / Double(grades.count)
    }

    /// The mean of each score over `metrics` (every judged query counts, hits or not).
    static func mean(_ metrics: [RetrievalMetrics]) -> RetrievalMetrics {
        guard !metrics.isEmpty else { return RetrievalMetrics() }
        let count = Double(metrics.count)
        var mean = RetrievalMetrics()
        mean.ndcgAt10 = metrics.map(\.ndcgAt10).reduce(0, +) / count
        mean.recallAt10 = metrics.map(\.recallAt10).reduce(0, +) / count
        mean.recallAt100 = metrics.map(\.recallAt100).reduce(0, +) / count
        mean.reciprocalRankAt10 = metrics.map(\.reciprocalRankAt10).reduce(0, +) / count
        return mean
    }
}
