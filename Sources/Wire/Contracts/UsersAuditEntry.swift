import Foundation

/// One change of a user's role or status: who changed what of whom, and when.
///
/// A user's creation is recorded as a change from no value, a deletion as a change to no
/// value. JSON: `{"id":7,"actor":"telegram:1","telegram_id":42,"field":"role",
/// "old_value":"member","new_value":"editor","at":"2025-01-02T08:30:00Z"}`; instants are
/// ISO 8601 to the second, whatever the coder's date strategy.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// The role or status, whichever changed.
    public enum Field: String, Codable, Sendable, CaseIterable {
        case role
        case status
    }

    /// Increasing with time; entries are listed newest first.
    public var id: Int64
    /// Who made the change: `telegram:<id>` for a Telegram user, a caller-given name such as
    /// `admin-token`, or `config` when `ADMIN_TELEGRAM_IDS` asserted it.
    public var actor: String
    /// Whose role or status changed.
    public var telegramID: Int64
    public var field: Field
    /// The value before; absent when the user was created.
    public var oldValue: String?
    /// The value after; absent when the user was deleted.
    public var newValue: String?
    public var at: Date

    public init(id: Int64, actor: String, telegramID: Int64, field: Field, oldValue: String?, newValue: String?, at: Date) {
        self.id = id
        self.actor = actor
        self.telegramID = telegramID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case id, actor, field, at
        case telegramID = "telegram_id"
        case oldValue = "old_value"
        case newValue = "new_value"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        actor = try container.decode(String.self, forKey: .actor)
        telegramID = try container.decode(Int64.self, forKey: .telegramID)
        field = try container.decode(Field.self, forKey: .field)
        oldValue = try container.decodeIfPresent(String.self, forKey: .oldValue)
        newValue = try container.decodeIfPresent(String.self, forKey: .newValue)
        at = try container.decodeTimestamp(forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(actor, forKey: .actor)
        try container.encode(telegramID, forKey: .telegramID)
        try container.encode(field, forKey: .field)
        try container.encodeIfPresent(oldValue, forKey: .oldValue)
        try container.encodeIfPresent(newValue, forKey: .newValue)
        try container.encodeTimestamp(at, forKey: .at)
    }
}
