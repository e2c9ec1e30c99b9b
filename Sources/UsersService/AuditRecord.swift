import Foundation
import GRDB
import Wire

/// A row of the `user_audit` table: one role or status change.
struct AuditRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "user_audit"

    var id: Int64?
    var telegramID: Int64
    var actor: String
    var field: AuditEntry.Field
    var oldValue: String?
    var newValue: String?
    var at: Date

    enum CodingKeys: String, CodingKey {
        case id, actor, field, at
        case telegramID = "telegram_id"
        case oldValue = "old_value"
        case newValue = "new_value"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let telegramID = Column(CodingKeys.telegramID)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The entry as the Wire contracts show it.
    var entry: AuditEntry {
        AuditEntry(id: id ?? 0, actor: actor, telegramID: telegramID, field: field, oldValue: oldValue, newValue: newValue, at: at)
    }
}
