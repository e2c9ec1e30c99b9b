import HTTPTypes
import Wire

/// A failure decided at the gateway itself (authentication, limits, malformed HTTP), in the
/// same closed set of codes the services use.
struct GatewayError: Error, Sendable {
    var wire: WireError
    /// Extra response headers, e.g. `Retry-After` or `Allow`.
    var headers: HTTPFields = [:]

    init(_ code: WireErrorCode, _ message: String, details: [String: JSONValue]? = nil, headers: HTTPFields = [:]) {
        self.wire = WireError(code, message, details: details)
        self.headers = headers
    }

    static func unauthorized(_ message: String) -> GatewayError {
        GatewayError(.unauthorized, message, headers: [.wwwAuthenticate: "Bearer"])
    }

    static func forbidden(_ message: String, reason: String) -> GatewayError {
        GatewayError(.forbidden, message, details: ["reason": .string(reason)])
    }
}
