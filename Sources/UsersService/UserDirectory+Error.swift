import SQLiteStorage
import Wire

extension UserDirectory {
    /// Why the directory refused or failed a request.
    enum Error: Swift.Error, StorageFailure, Equatable, CustomStringConvertible {
        /// No user with this Telegram id.
        case notFound(telegramID: Int64)
        /// A value out of shape; `field` is its JSON name.
        case invalid(field: String, reason: String)
        /// The change would leave no active admin.
        case lastActiveAdmin(telegramID: Int64)
        /// The user is in `ADMIN_TELEGRAM_IDS`, which keeps them an active admin.
        case configuredAdmin(telegramID: Int64)
        /// The database failed; the text is for the log only.
        case storage(String)

        var description: String {
            switch self {
            case .notFound(let id): "no user with telegram_id \(id)"
            case .invalid(let field, let reason): "\(field) \(reason)"
            case .lastActiveAdmin(let id): "user \(id) is the last active admin; make another admin first"
            case .configuredAdmin(let id): "user \(id) is in ADMIN_TELEGRAM_IDS and stays an active admin"
            case .storage(let reason): "users database failed: \(reason)"
            }
        }

        /// The error as it crosses the socket. A storage failure shows no internal text.
        var wireError: WireError {
            switch self {
            case .notFound(let id):
                .notFound(description, details: ["telegram_id": .int(id)])
            case .invalid(let field, _):
                .badRequest(description, details: ["field": .string("params.\(field)")])
            case .lastActiveAdmin(let id), .configuredAdmin(let id):
                .conflict(description, details: ["telegram_id": .int(id)])
            case .storage:
                .internalFailure
            }
        }
    }
}
