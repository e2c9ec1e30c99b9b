/// One chunk as the search index sees it: ids for filtering and results, and the text
/// fields that are searched.
public struct IndexedChunk: Sendable, Hashable, Codable {
    /// The chunk's id in `kb.sqlite`; indexing the same id again replaces the chunk.
    public var chunkID: Int64
    /// The knowledge base the chunk belongs to (searches filter on it).
    public var knowledgeBaseID: Int64
    /// The document the chunk was cut from (deleting the document deletes its chunks).
    public var documentID: Int64
    /// The document's title; ranked above body text.
    public var title: String
    /// The headings above the chunk, outermost first; ranked above body text.
    public var headingPath: [String]
    /// The chunk's body text.
    public var text: String
    /// How the chunk's text is analysed; queries must use the same language.
    public var language: TextAnalyzer.Language

    /// A chunk to index.
    public init(
        chunkID: Int64, knowledgeBaseID: Int64, documentID: Int64, title: String,
        headingPath: [String] = [], text: String, language: TextAnalyzer.Language
    ) {
        self.chunkID = chunkID
        self.knowledgeBaseID = knowledgeBaseID
        self.documentID = documentID
        self.title = title
        self.headingPath = headingPath
        self.text = text
        self.language = language
    }
}
