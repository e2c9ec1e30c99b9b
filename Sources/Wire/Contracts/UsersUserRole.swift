/// What a user may do: `admin` everything, `editor` knowledge bases and ingestion,
/// `member` queries. Ordered from least to most powerful.
public enum UserRole: String, Codable, Sendable, CaseIterable, Comparable, CodingKeyRepresentable {
    case member
    case editor
    case admin

    /// `member` < `editor` < `admin`.
    public static func < (lhs: UserRole, rhs: UserRole) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .member: 0
        case .editor: 1
        case .admin: 2
        }
    }
}
