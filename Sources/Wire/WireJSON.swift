import Foundation
import NIOCore
import NIOFoundationCompat

/// The JSON coders every Wire endpoint uses.
///
/// Envelopes are written by `CompactJSONEncoder`, which keeps the declared key order so
/// that the canonical prefix (`WireEnvelopePrefix`) lets each frame be parsed only once, and
/// read by `CompactJSONDecoder`, which finds fields in that order at the first try.
enum WireJSON {
    static func encode<Value: Encodable>(_ value: Value, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try CompactJSONEncoder().encode(value, allocator: allocator)
    }

    /// `value` as one Wire frame, length prefix included, ready to write to a channel.
    static func encodeFrame<Value: Encodable>(_ value: Value, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try CompactJSONEncoder().encodeFrame(value, allocator: allocator)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from buffer: ByteBuffer) throws -> Value {
        try CompactJSONDecoder().decode(type, from: buffer)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try CompactJSONDecoder().decode(type, from: bytes)
    }
}

/// Where a decoding error happened, as a dotted path a person can act on (`params.telegram_id`).
public enum WireFieldPath {
    public static func of(_ error: any Error) -> String? {
        guard let error = error as? DecodingError else { return nil }
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        return path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
