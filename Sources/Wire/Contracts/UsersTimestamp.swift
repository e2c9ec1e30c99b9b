import Foundation

/// How the users contracts write an instant: ISO 8601 in UTC, to the second
/// (`2025-01-02T08:30:00Z`), whatever date strategy the JSON coder at hand has, so the
/// shape on the wire does not depend on who encodes it. Fractional seconds are accepted
/// when reading.
///
/// The common case is done here, by arithmetic on the seconds since 1970: Foundation's
/// `ISO8601FormatStyle` goes through a calendar and a parser of every ISO 8601 variant, and a
/// user's two timestamps cost the gateway ~5 % of its CPU on `/me` that way. The result is
/// Foundation's to the byte (a test compares them); what the arithmetic does not cover
/// (years before 1583, where Foundation's calendar is the Julian one, and after 9999;
/// fractional seconds and offsets when reading) is left to it.
enum UsersTimestamp {
    static func string(from date: Date) -> String {
        // Floored from the reference date, the value a `Date` holds, as Foundation's calendar
        // does: `timeIntervalSince1970` is a sum that can round a value just below a whole
        // second up onto it.
        guard let sinceReference = Int64(exactly: date.timeIntervalSinceReferenceDate.rounded(.down)),
            Self.covered.contains(sinceReference + Self.referenceDateSince1970)
        else {
            return date.formatted(.iso8601)
        }
        return Self.text(ofSecondsSince1970: sinceReference + Self.referenceDateSince1970)
    }

    /// 2001-01-01T00:00:00Z, Foundation's reference date, in seconds since 1970.
    private static let referenceDateSince1970: Int64 = 978_307_200

    static func date(from string: String) -> Date? {
        if let seconds = Self.secondsSince1970(canonical: string) {
            return Date(timeIntervalSinceReferenceDate: TimeInterval(seconds - Self.referenceDateSince1970))
        }
        if let date = try? Date(string, strategy: .iso8601) { return date }
        return try? Date(string, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// 1583-01-01T00:00:00Z through 9999-12-31T23:59:59Z, in seconds since 1970: Gregorian
    /// dates with four-digit years.
    private static let covered: ClosedRange<Int64> = -12_212_553_600...253_402_300_799

    /// `YYYY-MM-DDTHH:MM:SSZ` for a second within ``covered``.
    private static func text(ofSecondsSince1970 seconds: Int64) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let second = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    out[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 0)
            put(month, digits: 2, at: 5)
            put(day, digits: 2, at: 8)
            put(second / 3600, digits: 2, at: 11)
            put(second / 60 % 60, digits: 2, at: 14)
            put(second % 60, digits: 2, at: 17)
            (out[4], out[7], out[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
            (out[13], out[16], out[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
            return 20
        }
    }

    /// The seconds since 1970 that `text` spells in exactly the form ``string(from:)`` writes;
    /// nil for anything else (another form, or a date that does not exist, such as Feb 30).
    private static func secondsSince1970(canonical text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            // Exactly `YYYY-MM-DDTHH:MM:SSZ`: digits and the canonical separators, nothing else.
            guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z")
            else { return nil }
            func number(at start: Int, digits: Int) -> Int? {
                var value = 0
                for byte in bytes[start..<start + digits] {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(at: 0, digits: 4), let month = number(at: 5, digits: 2), let day = number(at: 8, digits: 2),
                let hour = number(at: 11, digits: 2), let minute = number(at: 14, digits: 2), let second = number(at: 17, digits: 2),
                (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60
            else { return nil }
            let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return covered.contains(seconds) ? seconds : nil
        }
    }

    /// The days of `month` in the proleptic Gregorian `year`.
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's
    /// `civil_from_days`).
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// The inverse of ``civilDate(daysSince1970:)`` (`days_from_civil`).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int64 {
        let year = Int64(month <= 2 ? year - 1 : year)
        let era = year.floorDivided(by: 400)
        let yearOfEra = year - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension KeyedDecodingContainer {
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = UsersTimestamp.date(from: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an ISO 8601 instant such as 2025-01-02T08:30:00Z")
        }
        return date
    }

    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws {
        try encode(UsersTimestamp.string(from: date), forKey: key)
    }

    mutating func encodeTimestampIfPresent(_ date: Date?, forKey key: Key) throws {
        guard let date else { return }
        try encodeTimestamp(date, forKey: key)
    }
}
