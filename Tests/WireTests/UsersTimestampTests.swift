import Foundation
import Testing

@testable import Wire

/// The users contracts' timestamps, written and read by arithmetic, against Foundation's
/// ISO 8601 style, which they replaced on the hot path.
@Suite struct UsersTimestampTests {
    static let instants: [TimeInterval] = [
        0, -0.5, 0.999, 1_700_000_000.75, -1, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400,
        -62_135_596_800, -62_135_596_801, -12_212_553_600, -12_212_553_601, 253_402_300_799, 253_402_300_800, -2_208_988_800.25, 1e12,
    ]

    @Test("written exactly as Foundation writes them", arguments: instants)
    func writtenLikeFoundation(_ seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(UsersTimestamp.string(from: date) == date.formatted(.iso8601))
    }

    @Test(
        "written as Foundation writes them just below and at whole seconds, counted from the reference date",
        arguments: [0.0, -1e-9, -1e-7, 1e-9, -86_400.000_000_1, 86_399.999_999_9, -978_307_200.000_000_1, 1e9 - 1e-6, -31_622_400.5])
    func nearWholeSeconds(_ sinceReference: TimeInterval) {
        let date = Date(timeIntervalSinceReferenceDate: sinceReference)
        #expect(UsersTimestamp.string(from: date) == date.formatted(.iso8601))
    }

    @Test("100,000 random instants from 1583 to 9999: the same text, and read back to the second")
    func randomInstants() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let seconds = Double(Int64.random(in: -12_212_553_600...253_402_300_799, using: &generator))
                + Double.random(in: 0..<1, using: &generator)
            let date = Date(timeIntervalSince1970: seconds)
            let text = UsersTimestamp.string(from: date)
            guard text == date.formatted(.iso8601) else {
                Issue.record("\(seconds): \(text) vs \(date.formatted(.iso8601))")
                return
            }
            #expect(UsersTimestamp.date(from: text)?.timeIntervalSince1970 == seconds.rounded(.down))
        }
    }

    @Test(
        "read as Foundation reads them, the unusual forms included",
        arguments: [
            "2025-01-02T08:30:00Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1582-10-10T00:00:00Z", "1583-01-01T00:00:00Z",
            "2025-01-02T08:30:00.250Z", "2025-01-02T10:30:00+02:00", "2025-01-02 08:30:00Z", "2025-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-02T24:00:00Z", "2025-01-02T08:30:60Z",
            "2025-01-02T08:30:00z", "20250102T083000Z", "not a date", "",
            "1900-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "2025-04-31T00:00:00Z", "2025-12-31T23:59:59Z", "2025-01-02T08:30:00+",
        ])
    func readLikeFoundation(_ text: String) {
        let foundation = (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        #expect(UsersTimestamp.date(from: text) == foundation)
    }
}
