import NIOCore

/// The protocol version this build speaks, `v` in every envelope.
public let wireProtocolVersion = 1

/// A request as a client writes it (`frame(allocator:)`).
struct WireRequestEnvelope<Params: Encodable> {
    var v = wireProtocolVersion
    var id: UInt64
    var method: String
    var params: Params
    var ctx: WireContext
}

/// What a server can read of a request that is not in canonical form (see
/// `WireEnvelopePrefix`) before it knows the method's parameter type.
///
/// Only `id` is strict: without it no answer can be addressed, so the connection closes.
/// The rest is read leniently so that a malformed part becomes an error response.
struct WireRequestHead: Decodable {
    var id: UInt64
    var version: Int?
    var method: String?

    enum CodingKeys: String, CodingKey {
        case v, id, method
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UInt64.self, forKey: .id)
        version = try? container.decodeIfPresent(Int.self, forKey: .v)
        method = try? container.decodeIfPresent(String.self, forKey: .method)
    }
}

/// The parameters and context of a request, once the method and so their type are known
/// (`decode(from:)`).
///
/// `params` is strict (a bad shape is the caller's error); `ctx` is lenient so that a
/// malformed one is reported as such rather than as a params problem.
struct WireRequestBody<Params: Decodable> {
    var params: Params?
    var ctx: WireContext?
    var ctxProblem: String?

    static var ctxProblemText: String { "ctx is not of the form {correlation_id, telegram_id?, deadline_ms?}" }
}

/// A successful response as a server writes it (`frame(allocator:)`).
struct WireResultEnvelope<Result: Encodable> {
    var v = wireProtocolVersion
    var id: UInt64
    var result: Result
}

/// A failed response as a server writes it.
struct WireErrorEnvelope: Encodable {
    var v = wireProtocolVersion
    var id: UInt64
    var error: WireError
}

/// What a client reads of every response: whom it answers, and the error if it is one.
struct WireResponseHead: Decodable {
    var id: UInt64
    var error: WireError?
}

/// The result of a successful response, once the caller's result type is known
/// (`decode(from:)`).
enum WireResponseResult<Result: Decodable> {}
