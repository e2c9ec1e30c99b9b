import Foundation
import Testing

@testable import Gateway

@Suite struct SessionTokenTests {
    let issuer = SessionTokenIssuer(secret: "bot-secret-for-tests-0123456789ab", lifetime: .seconds(3600))
    let issuedAt = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a genuine token verifies, also again from memory, until it expires")
    func genuineUntilExpiry() {
        let (token, expiresAt) = issuer.issue(telegramID: 42, now: issuedAt)
        #expect(issuer.verified.telegramID(for: token, now: issuedAt.timeIntervalSince1970) == nil)
        #expect(issuer.verify(token, now: issuedAt) == 42)
        // The second check is answered from memory.
        #expect(issuer.verified.telegramID(for: token, now: issuedAt.timeIntervalSince1970) == 42)
        #expect(issuer.verify(token, now: issuedAt.addingTimeInterval(60)) == 42)
        // Remembered, yet refused once expired.
        #expect(issuer.verify(token, now: expiresAt) == nil)
        #expect(issuer.verify(token, now: expiresAt.addingTimeInterval(1)) == nil)
    }

    @Test("a token changed in any part, or signed with another secret, is refused even after the genuine one was seen")
    func forgeries() {
        let (token, _) = issuer.issue(telegramID: 42, now: issuedAt)
        #expect(issuer.verify(token, now: issuedAt) == 42)
        let parts = token.split(separator: ".").map(String.init)
        let otherUser = [parts[0], "43", parts[2], parts[3]].joined(separator: ".")
        let longerLife = [parts[0], parts[1], String(Int64(parts[2])! + 86_400), parts[3]].joined(separator: ".")
        let flipped = String(token.dropLast()) + (token.last == "0" ? "1" : "0")
        for forged in [otherUser, longerLife, flipped, token + "0", "v1.42", ""] {
            #expect(issuer.verify(forged, now: issuedAt) == nil, "\(forged)")
        }
        let stranger = SessionTokenIssuer(secret: "another-secret-0123456789abcdef", lifetime: .seconds(3600))
        #expect(stranger.verify(token, now: issuedAt) == nil)
    }

    @Test("the memory of checked tokens is bounded")
    func bounded() {
        let memory = VerifiedSessionTokens(capacity: 2)
        memory.remember("a", telegramID: 1, expiry: 10)
        memory.remember("b", telegramID: 2, expiry: 10)
        #expect(memory.telegramID(for: "a", now: 0) == 1)
        memory.remember("c", telegramID: 3, expiry: 10)  // full: starts over
        #expect(memory.telegramID(for: "a", now: 0) == nil)
        #expect(memory.telegramID(for: "c", now: 0) == 3)
    }
}
