/// `ACCESS_MODE`: whether anyone who sends `/start` may use the bot at once.
public enum AccessMode: String, Sendable, CaseIterable {
    /// New users start `active`.
    case open
    /// New users start `pending` until an admin activates them.
    case allowlist
}
