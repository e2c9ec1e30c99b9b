/// `ingest.submit`: queues an ingestion task and answers at once; the work runs in the
/// background.
///
/// Params: `{"knowledge_base_id":1,"submitted_by":42,"source":{"file":{…}}}` (see
/// `IngestSource`). A staged `.zip` becomes an `archive` task, a MediaWiki XML export a
/// `wiki` task.
/// Result: `{"task":{…}}`, the task as queued.
/// Errors: `bad_request` with `details.field` for a missing or malformed source, a staged
/// path outside the staging folder, a URL that is not http(s) or a refused address.
public enum IngestSubmit: WireMethod {
    public static let name = "ingest.submit"

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseID: Int64
        public var submittedBy: Int64?
        public var source: IngestSource

        public init(knowledgeBaseID: Int64, submittedBy: Int64? = nil, source: IngestSource) {
            self.knowledgeBaseID = knowledgeBaseID
            self.submittedBy = submittedBy
            self.source = source
        }

        enum CodingKeys: String, CodingKey {
            case source
            case knowledgeBaseID = "knowledge_base_id"
            case submittedBy = "submitted_by"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var task: IngestTask

        public init(task: IngestTask) {
            self.task = task
        }
    }
}
