/// Who is making a request, and how they proved it.
public enum Caller: Sendable, Equatable {
    /// `Authorization: Bearer $ADMIN_API_TOKEN`: every right, no Telegram identity.
    case adminToken
    /// A request signed by the bot on behalf of a Telegram user.
    case bot(telegramID: Int64)
    /// A session token issued by `/auth/telegram` to a Telegram user.
    case session(telegramID: Int64)

    public var telegramID: Int64? {
        switch self {
        case .adminToken: nil
        case .bot(let id), .session(let id): id
        }
    }

    /// How the caller is named in audit entries.
    var auditName: String {
        switch self {
        case .adminToken: "admin-token"
        case .bot(let id): "telegram:\(id)"
        case .session(let id): "telegram:\(id)"
        }
    }
}
