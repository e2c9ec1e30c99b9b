import Wire

/// What `users.update` asks to change; a field left `nil` stays as it is.
struct UserChanges: Sendable, Equatable {
    var role: UserRole?
    var status: UserStatus?
    /// `nil`: keep; `.some(nil)`: clear; `.some(id)`: choose knowledge base `id`.
    var preferredKnowledgeBaseID: Int64??
    var languageCode: String?

    init(role: UserRole? = nil, status: UserStatus? = nil, preferredKnowledgeBaseID: Int64?? = nil, languageCode: String? = nil) {
        self.role = role
        self.status = status
        self.preferredKnowledgeBaseID = preferredKnowledgeBaseID
        self.languageCode = languageCode
    }
}
