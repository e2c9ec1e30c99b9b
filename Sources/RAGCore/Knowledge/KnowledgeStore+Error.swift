import SQLiteStorage
import Wire

extension KnowledgeStore {
    /// Why the store refused or failed a request.
    enum Error: Swift.Error, StorageFailure, Equatable, CustomStringConvertible {
        case knowledgeBaseNotFound(id: Int64)
        case documentNotFound(knowledgeBaseID: Int64, reference: String)
        case logEntryNotFound(id: Int64)
        /// A value out of shape; `field` is its JSON name.
        case invalid(field: String, reason: String)
        case slugTaken(String)
        /// Feedback on an answer given to someone else.
        case notYourAnswer(logID: Int64)
        /// The database failed; the text is for the log only.
        case storage(String)
        /// The search index failed; the text is for the log only.
        case index(String)

        var description: String {
            switch self {
            case .knowledgeBaseNotFound(let id): "no knowledge base with id \(id)"
            case .documentNotFound(let kb, let reference): "knowledge base \(kb) has no document \(reference)"
            case .logEntryNotFound(let id): "no query log entry with id \(id)"
            case .invalid(let field, let reason): "\(field) \(reason)"
            case .slugTaken(let slug): "the slug '\(slug)' is taken by another knowledge base"
            case .notYourAnswer(let id): "query log entry \(id) is someone else's answer"
            case .storage(let reason): "knowledge database failed: \(reason)"
            case .index(let reason): "search index failed: \(reason)"
            }
        }

        /// The error as it crosses the socket. Storage and index failures show no internal text.
        var wireError: WireError {
            switch self {
            case .knowledgeBaseNotFound(let id):
                .notFound(description, details: ["knowledge_base_id": .int(id)])
            case .documentNotFound(let kb, _):
                .notFound(description, details: ["knowledge_base_id": .int(kb)])
            case .logEntryNotFound(let id):
                .notFound(description, details: ["log_id": .int(id)])
            case .invalid(let field, _):
                .badRequest(description, details: ["field": .string("params.\(field)")])
            case .slugTaken(let slug):
                .conflict(description, details: ["slug": .string(slug)])
            case .notYourAnswer:
                WireError(.forbidden, description)
            case .storage, .index:
                .internalFailure
            }
        }
    }
}
