import Foundation
import RAGCore

/// The fixed set of real questions: every `queries.jsonl` line of the datasets that has at
/// least one searchable word, shuffled with a fixed seed, the first `count` kept.
struct QuestionSet {
    var texts: [String]
    /// How many questions the datasets had to choose from.
    var available: Int

    init(datasetsFolder: URL, count: Int) throws {
        let analyzer = TextAnalyzer(language: .automatic)
        var all: [String] = []
        let datasets = (try? FileManager.default.contentsOfDirectory(at: datasetsFolder, includingPropertiesForKeys: nil)) ?? []
        for dataset in datasets.sorted(by: { $0.path < $1.path }) {
            guard let text = try? String(contentsOf: dataset.appending(path: "queries.jsonl"), encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let question = object["text"] as? String, !analyzer.terms(of: question).isEmpty
                else { continue }
                all.append(question)
            }
        }
        available = all.count
        var generator = SeededGenerator(seed: 7)
        texts = Array(all.shuffled(using: &generator).prefix(count))
    }
}
