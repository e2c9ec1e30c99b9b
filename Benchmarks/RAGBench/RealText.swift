import Foundation
import RAGCore
import Wire

/// The real text the corpora are made of: distinct chunks of the datasets' passages and of
/// the documentation on this machine, and the sentences they contain.
///
/// - Datasets: every line of `corpus.jsonl` under the datasets folder is one chunk (title
///   and text as given).
/// - Documentation: every `*.md` / `*.txt` file under the given roots (the package
///   checkouts' Markdown and DocC, `/usr/share/doc`), cut by RAGCore's own
///   `ParagraphChunker` (as `rag.put_text` does), the file's first heading (else its name)
///   as the title.
/// - Chunks shorter than 40 characters and exact repeats (the same licence text in many
///   packages) are left out.
struct RealText {
    private(set) var chunks: [BenchChunk] = []
    /// Every sentence of every chunk, for the synthetic chunks of large corpora.
    private(set) var sentences: [String] = []
    private(set) var files = 0
    private var seen = Set<Int>()

    static let minimumChunkLength = 40

    init(datasetsFolder: URL, documentationRoots: [URL]) throws {
        let datasets = (try? FileManager.default.contentsOfDirectory(at: datasetsFolder, includingPropertiesForKeys: nil)) ?? []
        for dataset in datasets.sorted(by: { $0.path < $1.path }) {
            let corpus = dataset.appending(path: "corpus.jsonl")
            guard let text = try? String(contentsOf: corpus, encoding: .utf8) else { continue }
            files += 1
            for line in text.split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                add(BenchChunk(title: object["title"] as? String ?? "", headingPath: [], text: object["text"] as? String ?? ""))
            }
        }
        for root in documentationRoots {
            for file in Self.textFiles(under: root) {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                files += 1
                let title = Self.title(of: text) ?? file.deletingPathExtension().lastPathComponent
                for chunk in ParagraphChunker.chunks(of: text) {
                    add(BenchChunk(title: title, headingPath: chunk.headingPath, text: chunk.text))
                }
            }
        }
        sentences = chunks.flatMap { Self.sentences(of: $0.text) }
    }

    private mutating func add(_ chunk: BenchChunk) {
        let text = chunk.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= Self.minimumChunkLength, seen.insert(text.hashValue).inserted else { return }
        chunks.append(BenchChunk(title: chunk.title, headingPath: chunk.headingPath, text: text))
    }

    /// Markdown and plain-text files under `root`, in path order (stable across runs).
    static func textFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where ["md", "txt", "markdown"].contains(url.pathExtension.lowercased()) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The first Markdown heading's text.
    static func title(of text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(40) where line.hasPrefix("#") {
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            if !title.isEmpty { return title }
        }
        return nil
    }

    /// Sentences: cut after `.`, `!`, `?` followed by a space, and at line breaks; pieces
    /// under 20 characters are dropped.
    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == "\n" {
                flush(&current, into: &result)
            } else if character == " ", ".!?".contains(previous) {
                flush(&current, into: &result)
            } else {
                current.append(character)
            }
            previous = character
        }
        flush(&current, into: &result)
        return result
    }

    private static func flush(_ sentence: inout String, into result: inout [String]) {
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 20 { result.append(trimmed) }
        sentence = ""
    }
}
