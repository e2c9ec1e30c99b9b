import Foundation
import TestSupport
import Wire

@testable import RAGCore

/// A knowledge store over a fresh temp directory, and helpers to fill it.
struct KnowledgeFixture: Sendable {
    let directory: TemporaryDirectory
    let store: KnowledgeStore

    var databasePath: String { directory.file("kb.sqlite") }
    var indexDirectory: String { directory.file("kb.xapian") }

    init() async throws {
        directory = try TemporaryDirectory(prefix: "ragcore")
        store = try await KnowledgeStore.open(databasePath: directory.file("kb.sqlite"), indexDirectory: directory.file("kb.xapian"))
    }

    /// A store opened again on the same files, as after a restart.
    static func reopen(_ directory: TemporaryDirectory) async throws -> KnowledgeStore {
        // A store closes its index when its last reference goes, which can be a moment after
        // the scope that held it ends (a pool thread may still hold the synchronizer): until
        // then the index is locked, as it would be by another live process.
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            do {
                return try await KnowledgeStore.open(databasePath: directory.file("kb.sqlite"), indexDirectory: directory.file("kb.xapian"))
            } catch let error as KnowledgeStore.Error where "\(error)".contains("lock") && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    func engine(maximumCharacters: Int = 1200) -> QueryEngine {
        QueryEngine(store: store, answerer: ExtractiveAnswerer(maximumCharacters: maximumCharacters))
    }

    func knowledgeBase(_ slug: String = "handbook", language: KnowledgeBaseLanguage = .auto) async throws -> KnowledgeBase {
        try await store.create(slug: slug, name: slug.capitalized, description: nil, language: language, createdBy: "test")
    }

    /// A document whose chunks are `texts`, hashed by their content.
    static func document(
        kb: Int64, uri: String, title: String, _ texts: [String], headings: [String] = [], hash: String? = nil
    ) -> RAGPutDocument.Params {
        var offset = 0
        let chunks = texts.map { text in
            defer { offset += text.count + 2 }
            return DocumentChunk(headingPath: headings, text: text, charStart: offset, charEnd: offset + text.count)
        }
        return RAGPutDocument.Params(
            knowledgeBaseID: kb, sourceURI: uri, title: title, deepLink: "https://docs.example/\(uri)", mime: "text/markdown",
            contentHash: hash ?? "h\(texts.joined().hashValue)", chunks: chunks)
    }

    /// Chunk ids the index finds for `query` in `kb`.
    func search(_ query: String, kb: Int64, language: TextAnalyzer.Language = .automatic) throws -> [Int64] {
        try store.index.search(query: query, knowledgeBaseIDs: [kb], language: language, topK: 20).map(\.chunkID)
    }
}

/// A few documents in Russian and English, the corpus most tests ask about.
enum SampleCorpus {
    static func load(into fixture: KnowledgeFixture, kb: Int64) async throws {
        for document in documents(kb: kb) {
            _ = try await fixture.store.putDocument(document)
        }
    }

    static func documents(kb: Int64) -> [RAGPutDocument.Params] {
        [
            KnowledgeFixture.document(
                kb: kb, uri: "server.md", title: "Настройка сервера",
                [
                    "Настройки сервера хранятся в файле /etc/app/server.conf. После изменения настроек перезапустите сервер командой systemctl restart app.",
                    "Порт сервера по умолчанию 8080. Чтобы сменить порт, задайте параметр listen_port.",
                ], headings: ["Сервер"]),
            KnowledgeFixture.document(
                kb: kb, uri: "backup.md", title: "Резервное копирование",
                ["Резервные копии базы данных создаются каждую ночь в 03:00. Копии хранятся тридцать дней."]),
            KnowledgeFixture.document(
                kb: kb, uri: "install.md", title: "Installation",
                [
                    "To install the agent on Linux, download the package and run the installer as root. The installer registers a systemd service.",
                    "Upgrading keeps your configuration. Uninstalling removes the service but keeps the logs.",
                ], headings: ["Install", "Linux"]),
            KnowledgeFixture.document(
                kb: kb, uri: "billing.md", title: "Billing",
                ["Invoices are sent on the first day of each month. Payment is due within fourteen days."]),
        ]
    }
}
