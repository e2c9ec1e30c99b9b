import Foundation
import NIOCore

/// Reads a `Decodable` value from JSON bytes, the counterpart of `CompactJSONEncoder`.
///
/// Foundation's `JSONDecoder` turns every object it meets into a `[String: value]`
/// dictionary, creating a `String` per key, before the first field is read; for the small
/// envelopes Wire carries that bookkeeping costs more than the parse (a fifth of a server's
/// CPU per round trip, measured). This decoder checks the text once into a flat `JSONTape`
/// and answers each `decode(forKey:)` by comparing the key's bytes in place, starting where
/// the previous key was found, so fields read in the order they were written cost one
/// comparison each.
///
/// It reads what `JSONDecoder` with `.iso8601` dates reads and throws the same
/// `DecodingError`s with the same coding paths, so `WireFieldPath` names the same fields.
/// Differences: it holds to RFC 8259 where `JSONDecoder` is lenient (a trailing comma is an
/// error), and of duplicate keys in an object, which one is read depends on the order the
/// fields are read in (`JSONDecoder` reads the last). Wire's writers never repeat a key.
public struct CompactJSONDecoder: Sendable {
    public init() {}

    public func decode<Value: Decodable>(_ type: Value.Type, from buffer: ByteBuffer) throws -> Value {
        try decode(type, from: Array(buffer.readableBytesView))
    }

    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        let tape = try JSONTape.decoding(bytes)
        return try TapeDecoder(tape: tape, index: 0, parent: nil, key: nil).decodeValue(type, at: 0, key: nil)
    }
}

extension JSONTape {
    /// The tape of `bytes`, or the `DecodingError` that `JSONDecoder` throws for text that is
    /// not JSON.
    static func decoding(_ bytes: [UInt8]) throws -> JSONTape {
        do {
            return try JSONTape(bytes)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "The given data was not valid JSON: \(error)", underlyingError: error))
        }
    }

    static func decoding(_ buffer: ByteBuffer) throws -> JSONTape {
        try decoding(Array(buffer.readableBytesView))
    }
}

/// The `Decoder` for one value of a tape: the top-level value, or a nested one being decoded
/// by its own `init(from:)`. The coding path is rebuilt from the parents only when an error
/// (or a caller) asks for it.
final class TapeDecoder: Decoder {
    let tape: JSONTape
    let index: Int
    let parent: TapeDecoder?
    let key: (any CodingKey)?
    /// Where a keyed container's next search starts: (member number, tape index of its key).
    var searchHint: (member: Int, index: Int)
    /// The tape index of the key a keyed container found last.
    var lastFoundKey: Int?

    init(tape: JSONTape, index: Int, parent: TapeDecoder?, key: (any CodingKey)?) {
        self.tape = tape
        self.index = index
        self.parent = parent
        self.key = key
        searchHint = (0, index + 1)
    }

    var codingPath: [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func path(appending key: (any CodingKey)?) -> [any CodingKey] {
        guard let key else { return codingPath }
        return codingPath + [key]
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tape[index].kind == .object else { throw typeMismatch([String: Any].self, at: index, key: nil) }
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tape[index].kind == .array else { throw typeMismatch([Any].self, at: index, key: nil) }
        return TapeUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValueContainer(decoder: self)
    }

    /// A decoder for the value at `valueIndex`, reached from this one through `key`.
    func child(at valueIndex: Int, key: any CodingKey) -> TapeDecoder {
        TapeDecoder(tape: tape, index: valueIndex, parent: self, key: key)
    }

    // MARK: Values

    /// The value at `valueIndex` as `Value`; `key` is how it was reached from this decoder
    /// (nil: it is this decoder's own value).
    func decodeValue<Value: Decodable>(_ type: Value.Type, at valueIndex: Int, key: (any CodingKey)?) throws -> Value {
        // The types JSON spells directly skip the `init(from:)` round trip.
        if Value.self == String.self { return unsafeBitCast(try string(at: valueIndex, key: key), to: Value.self) }
        if Value.self == Int.self { return unsafeBitCast(try integer(Int.self, at: valueIndex, key: key), to: Value.self) }
        if Value.self == Int64.self { return unsafeBitCast(try integer(Int64.self, at: valueIndex, key: key), to: Value.self) }
        if Value.self == Bool.self { return unsafeBitCast(try bool(at: valueIndex, key: key), to: Value.self) }
        if Value.self == Double.self { return unsafeBitCast(try double(at: valueIndex, key: key), to: Value.self) }
        if Value.self == Date.self { return unsafeBitCast(try date(at: valueIndex, key: key), to: Value.self) }
        if Value.self == URL.self { return try url(at: valueIndex, key: key) as! Value }
        if Value.self == Data.self { return try data(at: valueIndex, key: key) as! Value }
        if Value.self == Decimal.self { return try decimal(at: valueIndex, key: key) as! Value }
        guard let key else { return try Value(from: self) }
        return try Value(from: child(at: valueIndex, key: key))
    }

    func string(at valueIndex: Int, key: (any CodingKey)?) throws -> String {
        let value = tape[valueIndex]
        guard value.kind == .string else { throw typeMismatch(String.self, at: valueIndex, key: key) }
        return tape.string(value)
    }

    func bool(at valueIndex: Int, key: (any CodingKey)?) throws -> Bool {
        switch tape[valueIndex].kind {
        case .true: return true
        case .false: return false
        default: throw typeMismatch(Bool.self, at: valueIndex, key: key)
        }
    }

    func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, at valueIndex: Int, key: (any CodingKey)?) throws -> Integer {
        let value = tape[valueIndex]
        guard value.kind == .number else { throw typeMismatch(Integer.self, at: valueIndex, key: key) }
        guard let integer = tape.integer(value, as: Integer.self) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: path(appending: key),
                    debugDescription: "Number \(tape.numberText(value)) is not representable in Swift as \(Integer.self)."))
        }
        return integer
    }

    func double(at valueIndex: Int, key: (any CodingKey)?) throws -> Double {
        let value = tape[valueIndex]
        guard value.kind == .number else { throw typeMismatch(Double.self, at: valueIndex, key: key) }
        guard let double = tape.double(value), double.isFinite else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(appending: key), debugDescription: "Number \(tape.numberText(value)) is not representable in Swift."))
        }
        return double
    }

    func float(at valueIndex: Int, key: (any CodingKey)?) throws -> Float {
        let double = try double(at: valueIndex, key: key)
        guard abs(double) <= Double(Float.greatestFiniteMagnitude) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(appending: key), debugDescription: "Number \(double) does not fit in Float."))
        }
        return Float(double)
    }

    /// `.iso8601`, as `WireJSON` has always decoded dates.
    func date(at valueIndex: Int, key: (any CodingKey)?) throws -> Date {
        let text = try string(at: valueIndex, key: key)
        guard let date = try? Date.ISO8601FormatStyle().parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(appending: key), debugDescription: "Expected date string to be ISO8601-formatted."))
        }
        return date
    }

    func url(at valueIndex: Int, key: (any CodingKey)?) throws -> URL {
        let text = try string(at: valueIndex, key: key)
        guard let url = URL(string: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(appending: key), debugDescription: "Invalid URL string."))
        }
        return url
    }

    func data(at valueIndex: Int, key: (any CodingKey)?) throws -> Data {
        let text = try string(at: valueIndex, key: key)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(appending: key), debugDescription: "Encountered Data is not valid Base64."))
        }
        return data
    }

    func decimal(at valueIndex: Int, key: (any CodingKey)?) throws -> Decimal {
        let value = tape[valueIndex]
        guard value.kind == .number else { throw typeMismatch(Decimal.self, at: valueIndex, key: key) }
        guard let decimal = Decimal(string: tape.numberText(value)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(appending: key), debugDescription: "Number is not a Decimal."))
        }
        return decimal
    }

    /// `typeMismatch`, or `valueNotFound` when the value is `null`, as `JSONDecoder` reports them.
    func typeMismatch(_ type: Any.Type, at valueIndex: Int, key: (any CodingKey)?) -> DecodingError {
        let kind = tape[valueIndex].kind
        if kind == .null {
            return DecodingError.valueNotFound(
                type, .init(codingPath: path(appending: key), debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return DecodingError.typeMismatch(
            type, .init(codingPath: path(appending: key), debugDescription: "Expected to decode \(type) but found \(kind.noun) instead."))
    }
}

extension JSONTape.Kind {
    /// How `JSONDecoder` names a JSON value in its messages.
    var noun: String {
        switch self {
        case .object: "a dictionary"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .true, .false: "bool"
        case .null: "null"
        }
    }
}
