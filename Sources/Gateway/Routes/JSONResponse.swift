import Wire
import HTTPTypes
import HTTPServing
import NIOCore

/// A JSON response from any `Encodable` value, so the shared contract types need no
/// HTTP-specific conformances.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let body = try CompactJSONEncoder().encode(value)
        return Response(status: status, headers: [.contentType: contentType], body: body)
    }
}
