import SQLiteStorage
import Wire

extension IngestionJobStore {
    /// Why a store operation failed; mapped to a `WireError` once, at the Wire edge.
    enum Error: Swift.Error, StorageFailure, Equatable {
        case notFound(taskID: Int64)
        /// The task is in a state that does not allow the operation.
        case conflict(String)
        case invalid(field: String, reason: String)
        case storage(String)

        var wireError: WireError {
            switch self {
            case .notFound(let id): .notFound("no ingestion task \(id)", details: ["task_id": .int(id)])
            case .conflict(let message): .conflict(message)
            case .invalid(let field, let reason): .badRequest("\(field) \(reason)", details: ["field": .string(field)])
            case .storage: .internalFailure
            }
        }
    }
}
