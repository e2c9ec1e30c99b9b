import HTTPTypes
import HTTPServing
import NIOCore
import Logging

/// Gives every request its correlation id: `X-Request-Id` when it is sane, else the Telegram
/// update id (`upd-<id>`), else a new one. It is echoed in the response, put on the request's
/// logger and passed to every service in Wire `ctx`.
struct CorrelationIDMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    static let requestID = HTTPField.Name("X-Request-Id")!
    static let telegramUpdateID = HTTPField.Name("X-Telegram-Update-Id")!

    let newIDs = CorrelationIDSource()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // The logger carries it from here on (`GatewayRequestContext.logger`).
        context.correlationID = correlationID(for: request)
        var response = try await next(request, context)
        response.headers[Self.requestID] = context.correlationID
        return response
    }

    func correlationID(for request: Request) -> String {
        if let sent = request.headers[Self.requestID], Self.isSane(sent) {
            return sent
        }
        if let update = request.headers[Self.telegramUpdateID], let id = Int64(update) {
            return "upd-\(id)"
        }
        return newIDs.next()
    }

    /// At most 128 characters of `[A-Za-z0-9._:-]`, so it is safe in logs and headers.
    static func isSane(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128
            && id.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
            }
    }
}
