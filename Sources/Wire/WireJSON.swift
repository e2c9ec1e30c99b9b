import Foundation
import NIOCore
import NIOFoundationCompat

/// The JSON coders every Wire endpoint uses, configured once.
///
/// Envelopes are written by `CompactJSONEncoder`, which keeps the declared key order so
/// that the canonical prefix (`WireEnvelopePrefix`) lets each frame be parsed only once.
enum WireJSON {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func encode<Value: Encodable>(_ value: Value, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try CompactJSONEncoder().encode(value, allocator: allocator)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from buffer: ByteBuffer) throws -> Value {
        try decoder.decode(type, from: buffer)
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
