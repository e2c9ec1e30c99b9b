import Foundation
import Wire

/// Which users `users.list` returns.
struct UserFilter: Sendable, Equatable {
    var role: UserRole?
    var status: UserStatus?
    /// A part of the username, first or last name, matched ignoring case.
    var search: String?

    init(role: UserRole? = nil, status: UserStatus? = nil, search: String? = nil) {
        self.role = role
        self.status = status
        self.search = search
    }

    /// The search text as the `search_text` column holds names: lowercased, line breaks
    /// read as spaces, trimmed, and without a leading `@`; nil when nothing is left.
    var needle: String? {
        var needle = (search ?? "").lowercased()
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
            .trimmingCharacters(in: .whitespaces)
        if needle.hasPrefix("@") { needle.removeFirst() }
        return needle.isEmpty ? nil : needle
    }
}
