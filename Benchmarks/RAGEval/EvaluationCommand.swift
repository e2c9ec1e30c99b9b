import ArgumentParser
import Foundation
import RAGCore

/// Indexes a BEIR dataset through `SearchIndex`, runs its judged queries, and prints
/// retrieval quality (nDCG@10, Recall@10/100, MRR@10) and speed.
struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rag-eval",
        abstract: "Measure SearchIndex retrieval quality and speed on a BEIR-layout dataset.")

    @Option(help: "A dataset directory, or a dataset name under ../shared/datasets (e.g. cranfield).")
    var dataset: String

    @Option(help: "Text analysis: ru, en or auto.")
    var language: TextAnalyzer.Language = .automatic

    @Option(help: "BM25 k1 (default: the SearchIndex default for the language).")
    var k1: Double?

    @Option(help: "BM25 b (default: the SearchIndex default for the language).")
    var b: Double?

    @Option(help: "Per-occurrence weight of title words (body words: 1).")
    var titleWeight: UInt32 = SearchIndex.defaultTitleWeight

    @Flag(help: "Keep stopwords in the index and queries.")
    var keepStopwords = false

    @Option(help: "Rank this many hits per query (Recall@100 needs at least 100).")
    var depth = 100

    func validate() throws {
        guard depth >= 10 else { throw ValidationError("--depth must be at least 10 (the metrics look at the top 10)") }
    }

    mutating func run() throws {
        let directory = try DatasetLocator.resolve(dataset)
        let data = try BEIRDataset(directory: directory)
        let indexDirectory = FileManager.default.temporaryDirectory
            .appending(
                path: "rag-eval-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: indexDirectory) }

        let index = try SearchIndex(
            directory: indexDirectory.path, titleWeight: titleWeight, dropsStopwords: !keepStopwords)
        let clock = ContinuousClock()
        let indexingTime = try clock.measure { try indexCorpus(data.documents, into: index) }

        let chunkIDs = Dictionary(uniqueKeysWithValues: data.documents.enumerated().map { (Int64($0 + 1), $1.id) })
        var metrics: [RetrievalMetrics] = []
        var latencies: [Duration] = []
        for queryID in data.relevance.keys.sorted() {
            let grades = data.relevance[queryID] ?? [:]
            guard let text = data.queries[queryID] else {
                metrics.append(RetrievalMetrics())  // judged but missing text: counts as a miss
                continue
            }
            var hits: [SearchHit] = []
            latencies.append(
                try clock.measure {
                    hits = try index.search(
                        query: text, knowledgeBaseIDs: [Self.knowledgeBaseID], language: language, topK: depth,
                        k1: k1, b: b)
                })
            metrics.append(RetrievalMetrics(ranking: hits.compactMap { chunkIDs[$0.chunkID] }, grades: grades))
        }
        report(
            directory: directory, documentCount: data.documents.count, metrics: RetrievalMetrics.mean(metrics),
            queryCount: metrics.count, indexingTime: indexingTime, latencies: latencies)
    }

    private static let knowledgeBaseID: Int64 = 1

    /// Indexes the corpus in batches; chunk ids are the 1-based line numbers.
    private func indexCorpus(_ documents: [BEIRDataset.Document], into index: SearchIndex) throws {
        let chunks = documents.enumerated().map { offset, document in
            IndexedChunk(
                chunkID: Int64(offset + 1), knowledgeBaseID: Self.knowledgeBaseID, documentID: Int64(offset + 1),
                title: document.title, text: document.text, language: language)
        }
        var start = 0
        while start < chunks.count {
            let end = min(start + 500, chunks.count)
            try index.upsert(chunks: Array(chunks[start..<end]))
            start = end
        }
        try index.commit(appliedSequence: Int64(chunks.count))
    }

    private func report(
        directory: URL, documentCount: Int, metrics: RetrievalMetrics, queryCount: Int, indexingTime: Duration,
        latencies: [Duration]
    ) {
        let defaults = BM25Parameters.defaults(for: language)
        let sorted = latencies.sorted()
        let total = latencies.reduce(Duration.zero, +)
        func percentile(_ fraction: Double) -> Duration {
            sorted.isEmpty
                ? .zero : sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        }
        func milliseconds(_ duration: Duration) -> String {
            String(
                format: "%.3f ms",
                Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3)
        }
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        print("dataset      \(directory.path) (\(documentCount) docs, \(queryCount) judged queries)")
        print(
            "settings     language=\(language.rawValue) k1=\(k1 ?? defaults.k1) b=\(b ?? defaults.b) "
                + "title-weight=\(titleWeight) stopwords=\(keepStopwords ? "kept" : "dropped")")
        print(String(format: "nDCG@10      %.4f", metrics.ndcgAt10))
        print(String(format: "Recall@10    %.4f", metrics.recallAt10))
        print(
            depth >= 100
                ? String(format: "Recall@100   %.4f", metrics.recallAt100) : "Recall@100   n/a (--depth < 100)")
        print(String(format: "MRR@10       %.4f", metrics.reciprocalRankAt10))
        print("indexing     \(milliseconds(indexingTime))")
        print("query p50    \(milliseconds(percentile(0.5)))")
        print("query p99    \(milliseconds(percentile(0.99)))")
        print(
            String(
                format: "queries/s    %.0f (single thread, top %d)",
                seconds > 0 ? Double(latencies.count) / seconds : 0, depth))
    }
}

extension TextAnalyzer.Language: ExpressibleByArgument {}
