import Foundation

/// Reading the scalars of a checked `JSONTape`: the tape has already validated the syntax
/// (escapes, UTF-8, number grammar), so these only convert.
extension JSONTape {
    /// The text of a string value, escapes resolved.
    func string(_ value: Value) -> String {
        let raw = slice(value)
        guard value.isEscaped else { return String(decoding: raw, as: UTF8.self) }
        return unescape(raw)
    }

    /// Whether a string value (a key, usually) spells exactly `text`.
    func string(_ value: Value, equals text: String) -> Bool {
        // Bytes, not `String ==`, which would also match a canonically equivalent spelling.
        if value.isEscaped { return string(value).utf8.elementsEqual(text.utf8) }
        var text = text
        return text.withUTF8 { expected in
            let length = Int(value.end - value.start)
            guard expected.count == length else { return false }
            return bytes.withUnsafeBufferPointer { all in
                let start = Int(value.start)
                for offset in 0..<length where all[start + offset] != expected[offset] {
                    return false
                }
                return true
            }
        }
    }

    private func unescape(_ raw: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, at: index)
                index += 4
                // The tape let surrogates through only as high-low pairs: one scalar.
                if (0xD800..<0xDC00).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(raw, at: index + 2) - 0xDC00)
                    index += 6
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                output.append(contentsOf: String(character).utf8)
            default: output.append(escape)  // `"`, `\`, `/`
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func hex4(_ raw: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            value = value << 4 | UInt32(Parser.hexValue(raw[index + offset]) ?? 0)
        }
        return value
    }

    /// A whole number that fits `Integer`, or nil (too big, or not whole).
    func integer<Integer: FixedWidthInteger>(_ value: Value, as type: Integer.Type) -> Integer? {
        if value.isFractional {
            // Read exactly, as `JSONDecoder` does: a `Double` would round 9007199254740993.0 or
            // 4503599627370495.2 to a whole number. A whole `Decimal` describes itself in plain
            // digits; one with a fraction keeps its point, and `Integer(_:)` refuses it.
            return Decimal(string: numberText(value)).flatMap { Integer($0.description) }
        }
        return bytes.withUnsafeBufferPointer { all -> Integer? in
            var index = Int(value.start)
            let end = Int(value.end)
            let negative = all[index] == UInt8(ascii: "-")
            if negative {
                guard Integer.isSigned else { return all[index + 1] == UInt8(ascii: "0") && end - index == 2 ? 0 : nil }
                index += 1
            }
            var result: Integer = 0
            while index < end {
                let digit = Integer(all[index] &- UInt8(ascii: "0"))
                let (shifted, overflowTimes) = result.multipliedReportingOverflow(by: 10)
                let (next, overflowPlus) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflowTimes, !overflowPlus else { return nil }
                result = next
                index += 1
            }
            return result
        }
    }

    func double(_ value: Value) -> Double? {
        Double(String(decoding: slice(value), as: UTF8.self))
    }

    /// The number's text, for messages and for `Decimal`.
    func numberText(_ value: Value) -> String {
        String(decoding: slice(value), as: UTF8.self)
    }
}
