import Foundation
import NIOCore

/// Writes an `Encodable` value as compact JSON straight into a `ByteBuffer`, keys in the
/// order the value encodes them.
///
/// Foundation's `JSONEncoder` builds a tree first and writes object keys in hash order, a
/// different order in every process. Wire envelopes are read fastest when they start
/// `{"v":1,"id":…` (see `WireEnvelopePrefix`), and this writer guarantees that order while
/// doing one pass and no intermediate tree. Output matches `JSONEncoder` configured with
/// `.withoutEscapingSlashes` and `.iso8601` dates, apart from key order.
public struct CompactJSONEncoder: Sendable {
    public init() {}

    /// `value` as JSON bytes.
    public func encode<Value: Encodable>(_ value: Value, allocator: ByteBufferAllocator = ByteBufferAllocator()) throws -> ByteBuffer {
        try encode(value, into: allocator.buffer(capacity: 256))
    }

    /// `value` as one length-prefixed frame: a 4-byte big-endian length, then the JSON. The
    /// length is filled in afterwards, so the frame is one buffer (one allocation, one iovec).
    func encodeFrame<Value: Encodable>(_ value: Value, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try Self.frame(allocator: allocator) { output in
            try StreamingJSONEncoder(output: output, parent: nil, key: nil).encodeValue(value)
        }
    }

    /// One length-prefixed frame whose JSON `write` puts into the output.
    static func frame(allocator: ByteBufferAllocator, _ write: (JSONOutput) throws -> Void) throws -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeInteger(UInt32(0))
        let output = JSONOutput(buffer: buffer)
        try write(output)
        var frame = output.buffer
        frame.setInteger(UInt32(frame.readableBytes - 4), at: frame.readerIndex)
        return frame
    }

    private func encode<Value: Encodable>(_ value: Value, into buffer: ByteBuffer) throws -> ByteBuffer {
        let output = JSONOutput(buffer: buffer)
        let encoder = StreamingJSONEncoder(output: output, parent: nil, key: nil)
        try encoder.encodeValue(value)
        return output.buffer
    }
}

/// The bytes being written, shared by the encoder of a value and those of its children.
final class JSONOutput {
    var buffer: ByteBuffer

    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    @inline(__always) func byte(_ byte: UInt8) {
        buffer.writeInteger(byte)
    }

    func integer(_ value: Int64) {
        if value < 0 {
            buffer.writeInteger(UInt8(ascii: "-"))
        }
        integer(value.magnitude)
    }

    func integer(_ value: UInt64) {
        if value < 10 {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits written backwards into a stack buffer, then copied once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(digits)[start...]))
        }
    }

    /// `,"name":` (the comma only `afterComma`), in one write when the name needs no escaping,
    /// which member names almost never do.
    func memberName(_ name: String, afterComma: Bool) {
        var name = name
        let plain = name.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            let count = bytes.count + (afterComma ? 4 : 3)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { out in
                var index = 0
                if afterComma {
                    out[0] = UInt8(ascii: ",")
                    index = 1
                }
                out[index] = UInt8(ascii: "\"")
                UnsafeMutableRawBufferPointer(rebasing: out[(index + 1)...]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                out[index + 1 + bytes.count] = UInt8(ascii: "\"")
                out[index + 2 + bytes.count] = UInt8(ascii: ":")
                return count
            }
            return true
        }
        guard !plain else { return }
        if afterComma { byte(UInt8(ascii: ",")) }
        string(name)
        byte(UInt8(ascii: ":"))
    }

    func string(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            // Most strings need no escaping: quotes and bytes in one write.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count + 2) { out in
                    out[0] = UInt8(ascii: "\"")
                    UnsafeMutableRawBufferPointer(rebasing: out[1...]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                    out[bytes.count + 1] = UInt8(ascii: "\"")
                    return bytes.count + 2
                }
                return
            }
            byte(UInt8(ascii: "\""))
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                escape(byte)
                runStart = index + 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart...]))
            byte(UInt8(ascii: "\""))
        }
    }

    private func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString(#"\""#)
        case UInt8(ascii: "\\"): buffer.writeStaticString(#"\\"#)
        case UInt8(ascii: "\n"): buffer.writeStaticString(#"\n"#)
        case UInt8(ascii: "\r"): buffer.writeStaticString(#"\r"#)
        case UInt8(ascii: "\t"): buffer.writeStaticString(#"\t"#)
        case 0x08: buffer.writeStaticString(#"\b"#)
        case 0x0C: buffer.writeStaticString(#"\f"#)
        default:
            let hex = Array("0123456789abcdef".utf8)
            buffer.writeStaticString(#"\u00"#)
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0x0F)])
        }
    }

    func floatingPoint<Value: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: Value, codingPath: @autoclosure () -> [any CodingKey]
    ) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath(), debugDescription: "\(value) is not representable in JSON"))
        }
        var text = value.description
        // Swift writes whole numbers as `2.0`; JSON readers and JSONEncoder write `2`.
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }
}

/// The `Encoder` behind `CompactJSONEncoder`: one per value that encodes itself.
///
/// Containers write as they are used, which works because `Encodable` implementations use
/// their containers in order. A container has no "end" call, so a value's closing bracket
/// is written when its `encode(to:)` returns, and a nested container's when its parent
/// writes its next member or closes.
final class StreamingJSONEncoder: Encoder {
    enum Shape {
        case none, keyed, unkeyed, single
    }

    let output: JSONOutput
    /// The encoder this one's value sits in, and under which key: the coding path is rebuilt
    /// from them only when asked for, so nesting allocates no path arrays.
    let parent: StreamingJSONEncoder?
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private(set) var shape = Shape.none
    /// Whether the open object or array has a member already (the next one needs a comma).
    private var hasMembers = false
    /// A nested container's encoder, closed before the next member is written.
    private var openChild: StreamingJSONEncoder?

    init(output: JSONOutput, parent: StreamingJSONEncoder?, key: (any CodingKey)?) {
        self.output = output
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.keyed)
        return KeyedEncodingContainer(JSONKeyedWriter<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(.unkeyed)
        return JSONUnkeyedWriter(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        if shape == .none { shape = .single }
        return JSONSingleValueWriter(encoder: self)
    }

    private func open(_ requested: Shape) {
        guard shape == .none || (shape == .single && !hasMembers) else { return }
        shape = requested
        output.byte(requested == .keyed ? UInt8(ascii: "{") : UInt8(ascii: "["))
    }

    /// Writes the closing bracket of whatever this encoder opened; `{}` when it wrote nothing,
    /// as JSONEncoder does.
    func close() {
        closeChild()
        switch shape {
        case .keyed: output.byte(UInt8(ascii: "}"))
        case .unkeyed: output.byte(UInt8(ascii: "]"))
        case .none: output.buffer.writeStaticString("{}")
        case .single: if !hasMembers { output.buffer.writeStaticString("null") }
        }
    }

    private func closeChild() {
        if let child = openChild {
            openChild = nil
            child.close()
        }
    }

    /// Starts the next member of the open object: the comma, the key and the colon.
    func beginMember(_ key: some CodingKey) {
        closeChild()
        let needsComma = hasMembers
        hasMembers = true
        output.memberName(key.stringValue, afterComma: needsComma)
    }

    /// Starts the next element of the open array or object: the comma if needed.
    func beginElement() {
        closeChild()
        if hasMembers { output.byte(UInt8(ascii: ",")) }
        hasMembers = true
    }

    /// Marks the single value as written.
    func wroteSingleValue() {
        hasMembers = true
    }

    /// A nested container's encoder, writing in place; closed with the next member.
    func nested(at key: (any CodingKey)?) -> StreamingJSONEncoder {
        let child = key.map { StreamingJSONEncoder(output: output, parent: self, key: $0) } ?? sibling()
        openChild = child
        return child
    }

    /// An encoder at this one's coding path (a value encoded in place, not under a key).
    private func sibling() -> StreamingJSONEncoder {
        StreamingJSONEncoder(output: output, parent: parent, key: key)
    }

    /// Writes `value` into `output` as the member `key` of an object written by hand, so
    /// that its coding paths start at `key`.
    static func encode<Value: Encodable>(_ value: Value, at key: some CodingKey, into output: JSONOutput) throws {
        try StreamingJSONEncoder(output: output, parent: nil, key: key).encodeValue(value)
    }

    /// Writes any value: Foundation's special cases as JSONEncoder writes them, anything else
    /// through its own `encode(to:)`.
    func encodeValue<Value: Encodable>(_ value: Value, at key: (any CodingKey)? = nil) throws {
        // Comparing metatypes first keeps the common case free of dynamic casts.
        if Value.self == String.self {
            output.string(unsafeBitCast(value, to: String.self))
        } else if Value.self == Date.self {
            output.string((value as! Date).formatted(.iso8601))
        } else if Value.self == URL.self {
            output.string((value as! URL).absoluteString)
        } else if Value.self == Data.self {
            output.string((value as! Data).base64EncodedString())
        } else if Value.self == Decimal.self {
            output.buffer.writeString((value as! Decimal).description)
        } else {
            let child = key.map { StreamingJSONEncoder(output: output, parent: self, key: $0) } ?? sibling()
            try value.encode(to: child)
            child.close()
        }
    }
}
