import HTTPServing
import NIOCore
import HTTPTypes
import Wire

extension Request {
    /// The body decoded as JSON, read up to `MAX_BODY_BYTES`. Decoding errors are left as they
    /// are, so the error envelope can tell malformed JSON (400) from a wrong shape (422, naming the field).
    /// The decoder is Wire's: strict RFC 8259, the same coding paths as `JSONDecoder`.
    func decodeJSON<Value: Decodable>(as type: Value.Type, context: GatewayRequestContext) async throws -> Value {
        var request = self
        let body = try await request.collectBody(upTo: context.maxBodyBytes)
        return try CompactJSONDecoder().decode(type, from: body)
    }
}
