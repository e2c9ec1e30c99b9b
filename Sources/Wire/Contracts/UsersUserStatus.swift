/// Where a user stands: `pending` waits for approval (`ACCESS_MODE=allowlist`), `active`
/// may use the bot, `blocked` may not.
public enum UserStatus: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case pending
    case active
    case blocked
}
