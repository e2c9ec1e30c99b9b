import Foundation
import GRDB
import Wire

/// A row of `job`: one ingestion task with its progress counters and lease.
struct IngestionJobRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "job"

    var id: Int64?
    var knowledgeBaseID: Int64
    var kind: IngestTaskKind
    var source: String
    var spec: String
    var submittedBy: Int64?
    var state: IngestTaskState
    var stage: IngestTaskStage?
    var itemsTotal: Int = 0
    var itemsDone: Int = 0
    var itemsIndexed: Int = 0
    var itemsUnchanged: Int = 0
    var itemsSkipped: Int = 0
    var itemsFailed: Int = 0
    var bytesDone: Int64 = 0
    var bytesTotal: Int64 = 0
    var error: String?
    var attempts: Int = 0
    var cancelRequested: Bool = false
    var leaseOwner: String?
    var leaseExpiresAt: Date?
    var heartbeatAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var startedAt: Date?
    var finishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, source, spec, state, stage, error, attempts
        case knowledgeBaseID = "knowledge_base_id"
        case submittedBy = "submitted_by"
        case itemsTotal = "items_total"
        case itemsDone = "items_done"
        case itemsIndexed = "items_indexed"
        case itemsUnchanged = "items_unchanged"
        case itemsSkipped = "items_skipped"
        case itemsFailed = "items_failed"
        case bytesDone = "bytes_done"
        case bytesTotal = "bytes_total"
        case cancelRequested = "cancel_requested"
        case leaseOwner = "lease_owner"
        case leaseExpiresAt = "lease_expires_at"
        case heartbeatAt = "heartbeat_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The submitted source, decoded from `spec`.
    var sourceSpec: IngestSource {
        get throws { try JSONDecoder().decode(IngestSource.self, from: Data(spec.utf8)) }
    }
}
