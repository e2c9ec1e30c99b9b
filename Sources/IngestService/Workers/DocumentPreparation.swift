import Foundation
import Wire

/// The one place ingestion calls the extraction library: bytes of one file in, the
/// document's title, MIME type and chunks out.
enum DocumentPreparation {
    struct Prepared: Sendable {
        var title: String?
        var mime: String
        var chunks: [DocumentChunk]
    }

    /// Extracts and chunks `data`, read as the file `fileName`; throws `ExtractionError`
    /// (its description is the item's failure reason).
    static func prepare(_ data: Data, fileName: String, mime: String?) async throws -> Prepared {
        let document = try await DocumentExtractor().extract(data, fileName: fileName, mime: mime)
        return Prepared(title: document.title, mime: document.mime, chunks: DocumentChunker.chunks(of: document))
    }

    /// Chunks a document extracted elsewhere (a wiki page).
    static func chunks(of document: ExtractedDocument) -> [DocumentChunk] {
        DocumentChunker.chunks(of: document)
    }
}
