/// One search result: which chunk, where it comes from, and its BM25 score.
public struct SearchHit: Sendable, Hashable, Codable {
    /// The matching chunk.
    public var chunkID: Int64
    /// The document the chunk belongs to.
    public var documentID: Int64
    /// The knowledge base the chunk belongs to.
    public var knowledgeBaseID: Int64
    /// The BM25 score; higher is better, comparable only within one search.
    public var score: Double

    /// A hit.
    public init(chunkID: Int64, documentID: Int64, knowledgeBaseID: Int64, score: Double) {
        self.chunkID = chunkID
        self.documentID = documentID
        self.knowledgeBaseID = knowledgeBaseID
        self.score = score
    }
}
