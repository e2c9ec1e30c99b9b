import Foundation
import Logging
import Wire

/// The knowledge base a first `make run` starts with, so a question can be asked at once:
/// the Markdown files of one folder (the project's own `docs/`), loaded only into an empty
/// database and never again.
enum DemoKnowledgeBase {
    static let slug = "demo"

    /// Loads every `.md` file of `folder` into a new `demo` knowledge base when there is no
    /// knowledge base yet. Returns the number of documents loaded.
    @discardableResult
    static func loadIfEmpty(into store: KnowledgeStore, from folder: String, logger: Logger) async throws -> Int {
        guard try await store.knowledgeBases(limit: 1, cursor: nil).knowledgeBases.isEmpty else { return 0 }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        guard !names.isEmpty else { return 0 }
        let knowledgeBase = try await store.create(
            slug: slug, name: "Demo: the project's documentation", description: "Loaded from \(folder) on first start", language: .auto,
            createdBy: "system")
        for name in names {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
            let title = text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? name
            _ = try await store.putText(RAGPutText.Params(
                knowledgeBaseID: knowledgeBase.id, sourceURI: "docs/\(name)", title: title, text: text, mime: "text/markdown"))
        }
        logger.info("demo knowledge base loaded", metadata: ["folder": "\(folder)", "documents": "\(names.count)"])
        return names.count
    }
}
