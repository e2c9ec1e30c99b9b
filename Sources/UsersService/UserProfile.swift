/// What Telegram tells about a user when they send `/start`.
struct UserProfile: Sendable, Equatable {
    var telegramID: Int64
    var username: String?
    var firstName: String?
    var lastName: String?
    var languageCode: String?

    /// The profile with blank fields dropped and a leading `@` taken off the username;
    /// `invalid` naming the first field that is out of shape.
    func validated() throws(UserDirectory.Error) -> UserProfile {
        try Validation.telegramID(telegramID)
        return UserProfile(
            telegramID: telegramID,
            username: try Validation.username(username),
            firstName: try Validation.name(firstName, field: "first_name"),
            lastName: try Validation.name(lastName, field: "last_name"),
            languageCode: try Validation.languageCode(languageCode)
        )
    }
}
