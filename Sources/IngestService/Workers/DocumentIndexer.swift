import Crypto
import Foundation
import Wire

/// Puts documents into rag-core through `rag.put_document`, keyed by source URI and content
/// hash, so indexing the same item twice (a resumed task, a re-ingested repository) changes
/// nothing and never duplicates chunks.
///
/// rag-core being briefly away (a restart) is waited out with growing pauses; if it stays
/// away the whole task fails, to be retried, rather than every item failing one by one.
struct DocumentIndexer: Sendable {
    let rag: WireClient
    /// Pauses between attempts while rag-core is unavailable.
    var retryPauses: [Duration] = [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8)]
    /// How long one `rag.put_document` may take (a large document's index commit).
    var putTimeout: Duration = .seconds(60)

    /// Whether rag-core answers its health check now. Tasks are only started while it does:
    /// there is nothing to index into otherwise, and a task left queued loses nothing.
    func ragIsUp() async -> Bool {
        (try? await rag.call(SysHealth.self, WireEmpty(), .background("ingest-rag-health"), timeout: .seconds(1)))?.status == "ok"
    }

    /// Fails the task when its knowledge base does not exist.
    func requireKnowledgeBase(_ id: Int64, taskID: Int64) async throws {
        _ = try await call(KBGet.self, .init(id: id), taskID: taskID)
    }

    /// `sha256:<hex>` of the source bytes: what makes a second put of the same content a no-op.
    static func contentHash(_ data: some DataProtocol) -> String {
        "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Extracts, chunks and indexes one file. Unsupported formats are skipped, extraction
    /// errors fail the item, both with the reason. `stages` hears `chunking` and `indexing`
    /// as they begin, for a task that is this one file.
    func index(
        _ data: Data, fileName: String, mime: String?, sourceURI: String, title: String? = nil, deepLink: String? = nil,
        knowledgeBaseID: Int64, taskID: Int64, stages: (@Sendable (IngestTaskStage) async throws -> Void)? = nil
    ) async throws -> IngestionRun.ItemResult {
        guard DocumentFormat.detect(fileName: fileName, mime: mime) != nil else {
            let ext = DocumentFormat.fileExtension(of: fileName)
            return .skipped(ext.isEmpty ? "unsupported format: a file without an extension" : "unsupported format: .\(ext)")
        }
        let document: ExtractedDocument
        do {
            document = try await DocumentPreparation.extract(data, fileName: fileName, mime: mime)
        } catch let error as ExtractionError {
            if case .unsupportedFormat = error { return .skipped(error.description) }
            return .failed(error.description)
        }
        try await stages?(.chunking)
        let chunks = DocumentPreparation.chunks(of: document)
        try await stages?(.indexing)
        return try await put(
            chunks: chunks, title: title ?? document.title ?? Self.defaultTitle(fileName), mime: document.mime,
            sourceURI: sourceURI, deepLink: deepLink, contentHash: Self.contentHash(data), size: Int64(data.count),
            knowledgeBaseID: knowledgeBaseID, taskID: taskID)
    }

    /// Indexes chunks made elsewhere; an empty document is skipped.
    func put(
        chunks: [DocumentChunk], title: String, mime: String?, sourceURI: String, deepLink: String?, contentHash: String, size: Int64,
        knowledgeBaseID: Int64, taskID: Int64
    ) async throws -> IngestionRun.ItemResult {
        guard !chunks.isEmpty else { return .skipped("no text in it") }
        let params = RAGPutDocument.Params(
            knowledgeBaseID: knowledgeBaseID, sourceURI: sourceURI, title: title, deepLink: deepLink, mime: mime,
            contentHash: contentHash, size: size, ingestionJobID: taskID, chunks: chunks)
        let result = try await call(RAGPutDocument.self, params, taskID: taskID)
        return IngestionRun.ItemResult(outcome: result.status == .unchanged ? .unchanged : .indexed, sourceURI: sourceURI)
    }

    /// Deletes a document that is gone from its source; one already gone is fine.
    func delete(sourceURI: String, knowledgeBaseID: Int64, taskID: Int64) async throws {
        do {
            _ = try await call(RAGDeleteDocument.self, .init(knowledgeBaseID: knowledgeBaseID, sourceURI: sourceURI), taskID: taskID)
        } catch let error as WireError where error.code == .notFound {
            return
        }
    }

    /// Every document of a knowledge base whose source URI starts with `prefix`.
    func sourceURIs(in knowledgeBaseID: Int64, prefix: String, taskID: Int64) async throws -> [String] {
        var uris: [String] = []
        var cursor: String?
        repeat {
            let page = try await call(DocsList.self, .init(knowledgeBaseID: knowledgeBaseID, limit: 200, cursor: cursor), taskID: taskID)
            uris += page.documents.map(\.sourceURI).filter { $0.hasPrefix(prefix) }
            cursor = page.nextCursor
        } while cursor != nil
        return uris
    }

    /// Calls rag-core, waiting out a restart. A missing knowledge base fails the task; other
    /// service errors come out as `WireError` (the item fails).
    func call<Method: WireMethod>(_ method: Method.Type, _ params: Method.Params, taskID: Int64) async throws -> Method.Result {
        let ctx = WireContext.background("ingest-task-\(taskID)")
        var pauses = retryPauses[...]
        while true {
            do {
                return try await rag.call(method, params, ctx, timeout: putTimeout)
            } catch {
                switch error.code {
                case .unavailable, .deadlineExceeded:
                    guard let pause = pauses.popFirst() else {
                        throw IngestionJobRunner.Failure("rag-core did not answer (\(error.message)); retry the task later")
                    }
                    try await Task.sleep(for: pause)
                case .notFound where error.message.hasPrefix("no knowledge base"):
                    throw IngestionJobRunner.Failure(error.message)
                default:
                    throw error
                }
            }
        }
    }

    /// A file's name without folders or extension, as a title of last resort.
    static func defaultTitle(_ fileName: String) -> String {
        let base = (fileName as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return stem.isEmpty ? base : stem
    }
}
