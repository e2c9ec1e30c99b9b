import Wire

/// Who may do what: the rule `users.authorize` applies to a user's role and status.
enum AccessPolicy {
    /// The lowest role that may do `action` while active; nil when any known user may,
    /// whatever their role and status.
    static func minimumRole(for action: UserAction) -> UserRole? {
        switch action {
        case .query: .member
        case .manageKnowledge, .ingest: .editor
        case .manageUsers, .readLogs: .admin
        case .readSelf: nil
        }
    }

    /// The verdict for a user with `role` and `status` (both nil when the user is unknown).
    /// Status is judged before role: a blocked editor asking to query hears `blocked`.
    static func decide(_ action: UserAction, role: UserRole?, status: UserStatus?) -> UsersAuthorize.Result {
        guard let role, let status else {
            return UsersAuthorize.Result(allowed: false, reason: .unknown, role: nil, status: nil)
        }
        guard let minimum = minimumRole(for: action) else {
            return UsersAuthorize.Result(allowed: true, reason: nil, role: role, status: status)
        }
        let reason: UsersAuthorize.Reason? =
            switch status {
            case .blocked: .blocked
            case .pending: .pending
            case .active: role >= minimum ? nil : .roleTooLow
            }
        return UsersAuthorize.Result(allowed: reason == nil, reason: reason, role: role, status: status)
    }
}
