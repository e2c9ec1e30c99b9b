import Wire

/// Decides, for every protected route, whether the caller may do the route's action: the
/// admin token may do everything; a Telegram user is asked about through `users.authorize`.
struct Authorizer: Sendable {
    let services: MeshServices

    /// The caller, when allowed; otherwise 401 (no credentials) or 403 naming the reason.
    @discardableResult
    func require(_ action: UserAction, _ context: GatewayRequestContext) async throws -> Caller {
        guard let caller = context.caller else {
            throw GatewayError.unauthorized("this route needs a bot signature, a session token or the admin token")
        }
        guard let telegramID = caller.telegramID else { return caller }
        let verdict = try await services.call(services.users, UsersAuthorize.self, .init(telegramID: telegramID, action: action), context)
        guard verdict.allowed else {
            throw Self.refusal(verdict.reason ?? .unknown, action: action)
        }
        return caller
    }

    static func refusal(_ reason: UsersAuthorize.Reason, action: UserAction) -> GatewayError {
        switch reason {
        case .unknown: .forbidden("unknown user; register first (POST /api/v1/users, or /start in the bot)", reason: reason.rawValue)
        case .pending: .forbidden("your access is waiting for an admin's approval", reason: reason.rawValue)
        case .blocked: .forbidden("your access is blocked", reason: reason.rawValue)
        case .roleTooLow: .forbidden("your role does not allow \(action.rawValue)", reason: reason.rawValue)
        }
    }
}
