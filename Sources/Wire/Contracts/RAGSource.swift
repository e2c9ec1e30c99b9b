/// One numbered source of an answer: the `[n]` the answer text cites.
///
/// JSON: `{"n":1,"knowledge_base_id":1,"document_id":7,"chunk_id":31,"title":"Install",
/// "heading_path":["Install","Linux"],"source_uri":"docs/install.md","deep_link":"https://…",
/// "snippet":"…the «server» listens…","score":7.25}`; `deep_link` is absent when the
/// document has none. Matched words in `snippet` are marked «like this».
public struct AnswerSource: Codable, Sendable, Equatable {
    /// The number the answer cites, from 1.
    public var n: Int
    public var knowledgeBaseID: Int64
    public var documentID: Int64
    public var chunkID: Int64
    public var title: String
    public var headingPath: [String]
    public var sourceURI: String
    public var deepLink: String?
    public var snippet: String
    /// The BM25 score; comparable only within one answer.
    public var score: Double

    public init(
        n: Int, knowledgeBaseID: Int64, documentID: Int64, chunkID: Int64, title: String, headingPath: [String], sourceURI: String,
        deepLink: String?, snippet: String, score: Double
    ) {
        self.n = n
        self.knowledgeBaseID = knowledgeBaseID
        self.documentID = documentID
        self.chunkID = chunkID
        self.title = title
        self.headingPath = headingPath
        self.sourceURI = sourceURI
        self.deepLink = deepLink
        self.snippet = snippet
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case n, title, snippet, score
        case knowledgeBaseID = "knowledge_base_id"
        case documentID = "document_id"
        case chunkID = "chunk_id"
        case headingPath = "heading_path"
        case sourceURI = "source_uri"
        case deepLink = "deep_link"
    }
}
