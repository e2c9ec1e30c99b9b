import Crypto
import Foundation
import Wire

extension KnowledgeStore {
    /// Stores a plain-text or Markdown document: chunked by paragraphs under its headings and
    /// keyed by a hash of title, link and text, so the same text again changes nothing.
    func putText(_ params: RAGPutText.Params) async throws(Error) -> (document: KnowledgeDocument, status: RAGPutDocument.Status) {
        let digest = SHA256.hash(data: Data("\(params.title)\n\(params.deepLink ?? "")\n\(params.text)".utf8))
        return try await putDocument(RAGPutDocument.Params(
            knowledgeBaseID: params.knowledgeBaseID,
            sourceURI: params.sourceURI,
            title: params.title,
            deepLink: params.deepLink,
            mime: params.mime ?? "text/plain",
            contentHash: "sha256:" + digest.map { String(format: "%02x", $0) }.joined(),
            size: Int64(params.text.utf8.count),
            chunks: ParagraphChunker.chunks(of: params.text)
        ))
    }
}
