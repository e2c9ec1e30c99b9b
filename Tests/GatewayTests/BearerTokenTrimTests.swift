import Foundation
import Testing

@testable import Gateway

@Suite struct BearerTokenTrimTests {
    @Test(
        "a Bearer token is trimmed exactly as Foundation's .whitespaces trims it",
        arguments: [
            "abc", "  abc", "abc \t", "\t a b c \t", "", "   ", "\u{00A0}abc\u{2003}", "a\u{200B}", "\nabc\n", "ab\u{3000}", "токен ",
        ])
    func trimmedLikeFoundation(_ text: String) {
        let padded = Substring("Bearer " + text).dropFirst(7)
        #expect(AuthenticationMiddleware.trimmingSpaces(padded) == padded.trimmingCharacters(in: .whitespaces))
    }
}
