/// A JSON text checked against RFC 8259 and laid out as a flat list of values, so a decoder
/// can walk it without building a tree of dictionaries and strings first.
///
/// Every value is one `Value` entry, in document order. An object's entries follow it as
/// key, value, key, value…; an array's follow it as its elements. A container records where
/// its last descendant ends (`next`), so skipping a value is one step however deep it is.
/// Strings, numbers and keys stay as byte ranges until someone asks for them.
final class JSONTape: @unchecked Sendable {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    struct Value {
        var kind: Kind
        /// A string with a backslash in it, which must be unescaped to be read.
        var isEscaped: Bool
        /// A number with a fraction or an exponent.
        var isFractional: Bool
        /// The value's bytes: for a string, between the quotes.
        var start: Int32
        var end: Int32
        /// The index of the entry after this value and everything inside it.
        var next: Int32
        /// Members of an object, elements of an array.
        var count: Int32
    }

    /// Why a text is not JSON, and the byte offset where that became clear.
    struct SyntaxError: Error, CustomStringConvertible {
        var reason: String
        var offset: Int
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maxDepth = 512

    let bytes: [UInt8]
    /// A constant once parsed: reading a `let` needs no exclusivity check, and the tape is
    /// read once per member.
    let values: [Value]

    init(_ bytes: [UInt8]) throws(SyntaxError) {
        self.bytes = bytes
        // Offsets are kept in 32 bits; Wire frames and request bodies are far smaller.
        guard bytes.count < Int(Int32.max) else { throw SyntaxError(reason: "input larger than 2 GiB", offset: 0) }
        var values: [Value] = []
        values.reserveCapacity(max(8, bytes.count / 8))
        var parser = Parser(bytes: bytes)
        try parser.skipWhitespace()
        try parser.parseValue(into: &values, depth: 0)
        parser.skipWhitespaceAllowingEnd()
        guard parser.position == bytes.count else {
            throw SyntaxError(reason: "unexpected data after the JSON value", offset: parser.position)
        }
        self.values = values
    }

    subscript(index: Int) -> Value {
        values[index]
    }

    /// The members of the object at `index`, in written order: each key, and the tape index of
    /// its value. Walks the tape in place (a member's value records where it ends).
    func members(ofObjectAt index: Int) -> Members {
        Members(tape: self, keyIndex: index + 1, remaining: Int(values[index].count))
    }

    struct Members: Sequence, IteratorProtocol {
        let tape: JSONTape
        var keyIndex: Int
        var remaining: Int

        mutating func next() -> (key: Value, valueIndex: Int)? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let member = (key: tape.values[keyIndex], valueIndex: keyIndex + 1)
            keyIndex = Int(tape.values[keyIndex + 1].next)
            return member
        }
    }

    /// The raw bytes of `value` (between the quotes for a string).
    func slice(_ value: Value) -> ArraySlice<UInt8> {
        bytes[Int(value.start)..<Int(value.end)]
    }
}

extension JSONTape {
    struct Parser {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        func error(_ reason: String) -> SyntaxError {
            SyntaxError(reason: reason, offset: position)
        }

        mutating func skipWhitespace() throws(SyntaxError) {
            skipWhitespaceAllowingEnd()
            guard position < bytes.count else { throw error("unexpected end of input") }
        }

        mutating func skipWhitespaceAllowingEnd() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        mutating func parseValue(into values: inout [Value], depth: Int) throws(SyntaxError) {
            switch bytes[position] {
            case UInt8(ascii: "{"): try parseContainer(.object, into: &values, depth: depth + 1)
            case UInt8(ascii: "["): try parseContainer(.array, into: &values, depth: depth + 1)
            case UInt8(ascii: "\""): try parseString(into: &values)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber(into: &values)
            case UInt8(ascii: "t"): try parseLiteral("true", .true, into: &values)
            case UInt8(ascii: "f"): try parseLiteral("false", .false, into: &values)
            case UInt8(ascii: "n"): try parseLiteral("null", .null, into: &values)
            default: throw error("unexpected character")
            }
        }

        /// An object (members: key, `:`, value) or an array (elements), with its entry first.
        mutating func parseContainer(_ kind: Kind, into values: inout [Value], depth: Int) throws(SyntaxError) {
            guard depth <= JSONTape.maxDepth else { throw error("nested deeper than \(JSONTape.maxDepth) levels") }
            let isObject = kind == .object
            let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let index = values.count
            values.append(Value(kind: kind, isEscaped: false, isFractional: false, start: Int32(position), end: 0, next: 0, count: 0))
            position += 1
            try skipWhitespace()
            var count: Int32 = 0
            if bytes[position] != closer {
                while true {
                    if isObject {
                        guard bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                        try parseString(into: &values)
                        try skipWhitespace()
                        guard bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                        position += 1
                        try skipWhitespace()
                    }
                    try parseValue(into: &values, depth: depth)
                    count += 1
                    try skipWhitespace()
                    if bytes[position] == UInt8(ascii: ",") {
                        position += 1
                        try skipWhitespace()
                        continue
                    }
                    guard bytes[position] == closer else {
                        throw error(isObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
                    }
                    break
                }
            }
            position += 1
            values[index].end = Int32(position)
            values[index].next = Int32(values.count)
            values[index].count = count
        }

        /// A string: no raw control characters, only the escapes JSON defines, valid UTF-8.
        mutating func parseString(into values: inout [Value]) throws(SyntaxError) {
            position += 1
            let start = position
            var isEscaped = false
            while true {
                guard position < bytes.count else { throw error("unterminated string") }
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    values.append(
                        Value(
                            kind: .string, isEscaped: isEscaped, isFractional: false, start: Int32(start), end: Int32(position),
                            next: Int32(values.count + 1), count: 0))
                    position += 1
                    return
                case UInt8(ascii: "\\"):
                    isEscaped = true
                    try skipEscape()
                case 0..<0x20:
                    throw error("unescaped control character in a string")
                case 0x80...:
                    try skipUTF8Sequence()
                default:
                    position += 1
                }
            }
        }

        private mutating func skipEscape() throws(SyntaxError) {
            position += 1
            guard position < bytes.count else { throw error("unterminated string") }
            switch bytes[position] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                position += 1
            case UInt8(ascii: "u"):
                let unit = try hexEscape(at: position + 1)
                position += 5
                // UTF-16 surrogates only in pairs: a high one followed by a low one is one scalar.
                switch unit {
                case 0xD800..<0xDC00:
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                        (0xDC00..<0xE000).contains(try hexEscape(at: position + 2))
                    else { throw error("a \\u escape of a high surrogate without its low surrogate") }
                    position += 6
                case 0xDC00..<0xE000:
                    throw error("a \\u escape of a low surrogate without its high surrogate")
                default:
                    break
                }
            default:
                throw error("unknown escape")
            }
        }

        /// The four hex digits of a `\\u` escape starting at `index`, as a UTF-16 code unit.
        private func hexEscape(at index: Int) throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("bad \\u escape") }
            var unit: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = Self.hexValue(bytes[index + offset]) else { throw error("bad \\u escape") }
                unit = unit << 4 | UInt32(digit)
            }
            return unit
        }

        /// One multi-byte UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, ≤ U+10FFFF).
        private mutating func skipUTF8Sequence() throws(SyntaxError) {
            let lead = bytes[position]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: throw error("invalid UTF-8")
            }
            guard position + length <= bytes.count else { throw error("invalid UTF-8") }
            let second = bytes[position + 1]
            guard second >= low, second <= high else { throw error("invalid UTF-8") }
            for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
                throw error("invalid UTF-8")
            }
            position += length
        }

        static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func parseNumber(into values: inout [Value]) throws(SyntaxError) {
            let start = position
            var isFractional = false
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("bad number") }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
                if position < bytes.count, isDigit(bytes[position]) { throw error("number with a leading zero") }
            } else {
                skipDigits()
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                isFractional = true
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("bad number") }
                skipDigits()
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                isFractional = true
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("bad number") }
                skipDigits()
            }
            values.append(
                Value(
                    kind: .number, isEscaped: false, isFractional: isFractional, start: Int32(start), end: Int32(position),
                    next: Int32(values.count + 1), count: 0))
        }

        private func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        private mutating func skipDigits() {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }

        mutating func parseLiteral(_ literal: StaticString, _ kind: Kind, into values: inout [Value]) throws(SyntaxError) {
            let length = literal.utf8CodeUnitCount
            guard position + length <= bytes.count else { throw error("unexpected end of input") }
            let matches = literal.withUTF8Buffer { expected in
                (0..<length).allSatisfy { bytes[position + $0] == expected[$0] }
            }
            guard matches else { throw error("unexpected character") }
            values.append(
                Value(
                    kind: kind, isEscaped: false, isFractional: false, start: Int32(position), end: Int32(position + length),
                    next: Int32(values.count + 1), count: 0))
            position += length
        }
    }
}
