import Foundation
import Wire

/// The one place ingestion calls the extraction library: bytes of one file in, the
/// document's title, MIME type and text out; then its chunks.
enum DocumentPreparation {
    /// Extracts the text of `data`, read as the file `fileName`; throws `ExtractionError`
    /// (its description is the item's failure reason).
    static func extract(_ data: Data, fileName: String, mime: String?) async throws -> ExtractedDocument {
        try await DocumentExtractor().extract(data, fileName: fileName, mime: mime)
    }

    /// Chunks an extracted document (a file's, or a wiki page's).
    static func chunks(of document: ExtractedDocument) -> [DocumentChunk] {
        DocumentChunker.chunks(of: document)
    }
}
