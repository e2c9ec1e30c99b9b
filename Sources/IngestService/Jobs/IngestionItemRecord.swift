import Foundation
import GRDB

/// One finished item of a task, so that a task resumed after a crash starts after it.
struct IngestionItemRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "job_item"

    var jobID: Int64
    var name: String
    var outcome: IngestionItemOutcome
    var reason: String?
    var sourceURI: String?
    var bytes: Int64
    var at: Date

    enum CodingKeys: String, CodingKey {
        case name, outcome, reason, bytes, at
        case jobID = "job_id"
        case sourceURI = "source_uri"
    }
}
