import Foundation

/// How the users contracts write an instant: ISO 8601 in UTC, to the second
/// (`2025-01-02T08:30:00Z`), whatever date strategy the JSON coder at hand has, so the
/// shape on the wire does not depend on who encodes it. Fractional seconds are accepted
/// when reading.
enum UsersTimestamp {
    static func string(from date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func date(from string: String) -> Date? {
        if let date = try? Date(string, strategy: .iso8601) { return date }
        return try? Date(string, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
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
