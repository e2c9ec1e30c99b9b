/// `POST /api/v1/ingestion/url`: `{"url","knowledge_base_id","crawl":{"max_pages","same_host"}}`
/// (`knowledge_base` is accepted for `knowledge_base_id`).
struct IngestionURLBody: Decodable {
    var url: String
    var knowledgeBaseID: Int64?
    var knowledgeBase: Int64?
    var crawl: Crawl?

    struct Crawl: Decodable {
        var maxPages: Int?
        var sameHost: Bool?

        enum CodingKeys: String, CodingKey {
            case maxPages = "max_pages"
            case sameHost = "same_host"
        }
    }

    enum CodingKeys: String, CodingKey {
        case url, crawl
        case knowledgeBaseID = "knowledge_base_id"
        case knowledgeBase = "knowledge_base"
    }
}

/// `POST /api/v1/ingestion/git`: `{"repo_url","ref","paths":[globs],"knowledge_base_id"}`.
struct IngestionGitBody: Decodable {
    var repoURL: String
    var ref: String?
    var paths: [String]?
    var knowledgeBaseID: Int64?
    var knowledgeBase: Int64?

    enum CodingKeys: String, CodingKey {
        case ref, paths
        case repoURL = "repo_url"
        case knowledgeBaseID = "knowledge_base_id"
        case knowledgeBase = "knowledge_base"
    }
}
