import Crypto
import Foundation
import ServiceSupport

/// A stateless session token for a Telegram user signed in through `/auth/telegram`:
/// `v1.<telegram id>.<expiry, unix seconds>.<hex HMAC-SHA256 of the first three parts>`.
struct SessionTokenIssuer: Sendable {
    private let key: SymmetricKey
    let lifetime: Duration
    /// Tokens already checked; shared by every copy of this issuer.
    let verified = VerifiedSessionTokens(capacity: 50_000)

    /// The key is derived from `BOT_API_SECRET`, so rotating that secret ends every session.
    init(secret: String, lifetime: Duration) {
        key = SymmetricKey(data: SHA256.hash(data: Data("session-token-v1\n\(secret)".utf8)))
        self.lifetime = lifetime
    }

    func issue(telegramID: Int64, now: Date = Date()) -> (token: String, expiresAt: Date) {
        let expiresAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + Double(lifetime.components.seconds)).rounded(.down))
        let unsigned = "v1.\(telegramID).\(Int64(expiresAt.timeIntervalSince1970))"
        return ("\(unsigned).\(signature(of: unsigned).hexString)", expiresAt)
    }

    /// The Telegram id the token was issued to, when it is genuine and not expired.
    func verify(_ token: String, now: Date = Date()) -> Int64? {
        if let telegramID = verified.telegramID(for: token, now: now.timeIntervalSince1970) {
            return telegramID
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let id = Int64(parts[1]), let expiry = Int64(parts[2]),
            let mac = Data(hexString: String(parts[3]))
        else { return nil }
        let unsigned = parts[0...2].joined(separator: ".")
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(unsigned.utf8), using: key),
            Double(expiry) > now.timeIntervalSince1970
        else { return nil }
        verified.remember(token, telegramID: id, expiry: expiry)
        return id
    }

    private func signature(of text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }
}
