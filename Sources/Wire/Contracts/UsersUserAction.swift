/// Something a user asks to do, as `users.authorize` judges it.
///
/// | action | who may |
/// |---|---|
/// | `query` | active members and up |
/// | `manage_knowledge`, `ingest` | active editors and up |
/// | `manage_users`, `read_logs` | active admins |
/// | `read_self` | any known user, even pending or blocked |
public enum UserAction: String, Codable, Sendable, CaseIterable {
    case query
    case manageKnowledge = "manage_knowledge"
    case ingest
    case manageUsers = "manage_users"
    case readLogs = "read_logs"
    case readSelf = "read_self"
}
