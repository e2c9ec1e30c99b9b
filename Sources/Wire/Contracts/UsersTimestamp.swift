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
            for (offset, mark) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")] as [(Int, Unicode.Scalar)] {
                out[offset] = UInt8(ascii: mark)
            }
            return 20
        }
    }

    /// The seconds since 1970 that `text` spells in exactly the form ``string(from:)`` writes;
    /// nil for anything else (another form, or a date that does not exist, such as Feb 30).
    private static func secondsSince1970(canonical text: String) -> Int64? {
        var text = text
        let fields: [Int]? = text.withUTF8 { bytes in
            guard bytes.count == 20 else { return nil }
            var fields: [Int] = []
            for (start, length) in [(0, 4), (5, 2), (8, 2), (11, 2), (14, 2), (17, 2)] {
                var value = 0
                for byte in bytes[start..<start + length] {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                fields.append(value)
            }
            return fields
        }
        guard let fields, fields[1] >= 1, fields[1] <= 12, fields[2] >= 1, fields[2] <= 31, fields[3] < 24, fields[4] < 60,
            fields[5] < 60
        else { return nil }
        let days = daysSince1970(year: fields[0], month: fields[1], day: fields[2])
        let seconds = days * 86_400 + Int64(fields[3] * 3600 + fields[4] * 60 + fields[5])
        // Writing it back must give the same text: that rules out days past a month's end and
        // every separator other than the canonical ones.
        guard covered.contains(seconds), Self.text(ofSecondsSince1970: seconds) == text else { return nil }
        return seconds
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
