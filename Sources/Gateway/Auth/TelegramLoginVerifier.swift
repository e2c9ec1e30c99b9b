import Crypto
import Foundation
import ServiceSupport

/// Checks that sign-in data really comes from Telegram, for the bot whose token we hold:
/// the Login Widget's fields (`hash` keyed by SHA-256 of the token) and a Mini App's
/// `initData` (`hash` keyed by HMAC("WebAppData", token)). Data older than a day is refused.
struct TelegramLoginVerifier: Sendable {
    /// The Telegram user the data speaks for.
    struct Identity: Sendable, Equatable {
        var telegramID: Int64
        var username: String?
        var firstName: String?
        var lastName: String?
        var languageCode: String?
    }

    enum Failure: Error, Equatable {
        case missingField(String)
        case badHash
        case expired
    }

    static let maximumAge: TimeInterval = 24 * 3600

    let botToken: String

    /// The Login Widget: its fields as sent (`id`, `first_name`, …, `auth_date`, `hash`).
    func verifyWidget(_ fields: [String: String], now: Date = Date()) throws(Failure) -> Identity {
        let key = SymmetricKey(data: SHA256.hash(data: Data(botToken.utf8)))
        try verify(fields, key: key, now: now)
        guard let id = fields["id"].flatMap(Int64.init) else { throw .missingField("id") }
        return Identity(telegramID: id, username: fields["username"], firstName: fields["first_name"], lastName: fields["last_name"], languageCode: fields["language_code"])
    }

    /// A Mini App's `initData` query string.
    func verifyInitData(_ initData: String, now: Date = Date()) throws(Failure) -> Identity {
        var fields: [String: String] = [:]
        for pair in initData.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let key = parts[0].removingPercentEncoding,
                let value = String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            else { continue }
            fields[key] = value
        }
        let key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(botToken.utf8), using: SymmetricKey(data: Data("WebAppData".utf8))))
        try verify(fields, key: key, now: now)
        guard let userJSON = fields["user"], let user = try? JSONDecoder().decode(MiniAppUser.self, from: Data(userJSON.utf8)) else {
            throw .missingField("user")
        }
        return Identity(telegramID: user.id, username: user.username, firstName: user.first_name, lastName: user.last_name, languageCode: user.language_code)
    }

    /// Checks `hash` over the sorted `key=value` lines of every other field, then `auth_date`.
    private func verify(_ fields: [String: String], key: SymmetricKey, now: Date) throws(Failure) {
        guard let hash = fields["hash"], let mac = Data(hexString: hash) else { throw .missingField("hash") }
        let checkString = fields.filter { $0.key != "hash" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(checkString.utf8), using: key) else {
            throw .badHash
        }
        guard let authDate = fields["auth_date"].flatMap(TimeInterval.init) else { throw .missingField("auth_date") }
        guard now.timeIntervalSince1970 - authDate <= Self.maximumAge else { throw .expired }
    }

    // Telegram's own field names.
    private struct MiniAppUser: Decodable {
        var id: Int64
        var username: String?
        var first_name: String?
        var last_name: String?
        var language_code: String?
    }
}
