import Foundation
import HTTPTypes
import HTTPServing
import Logging
import NIOCore
import Wire

/// Turns every failure into the error envelope, in one place: service errors (`WireError`)
/// with their code's status, the gateway's own, the router's (unknown route, wrong method),
/// a body too large, undecodable JSON, and anything else as a 500 whose text stays in the log.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (wire, headers) = classify(error, request: request, context: context)
            return Self.response(for: wire, headers: headers, correlationID: context.correlationID)
        }
    }

    private func classify(_ error: any Error, request: Request, context: Context) -> (WireError, HTTPFields) {
        switch error {
        case let error as GatewayError:
            return (error.wire, error.headers)
        case let error as WireError:
            if error.code == .internal {
                context.logger.error("service answered internal error", metadata: ["error": "\(error.message)"])
                return (WireError.internalFailure, [:])
            }
            return (error, [:])
        case let error as HTTPError where error.status == .methodNotAllowed:
            let allow = error.headers[.allow] ?? ""
            return (WireError(.methodNotAllowed, "method \(request.method.rawValue) is not allowed here", details: ["allow": .string(allow)]), [.allow: allow])
        case let error as HTTPError where error.status == .notFound:
            return (WireError.notFound("no such route: \(request.method.rawValue) \(request.uri.path)"), [:])
        case is NIOTooManyBytesError:
            return (WireError(.tooLarge, "request body is larger than \(context.maxBodyBytes) bytes"), [:])
        case let error as DecodingError:
            return Self.decodingFailure(error)
        default:
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return (WireError.internalFailure, [:])
        }
    }

    /// Malformed JSON is 400; JSON of the wrong shape is 422 naming the field.
    private static func decodingFailure(_ error: DecodingError) -> (WireError, HTTPFields) {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
            return (WireError(.badRequest, "request body is not valid JSON"), [:])
        }
        let field = WireFieldPath.of(error) ?? ""
        return (WireError(.unprocessable, "request body does not fit this route", details: ["field": .string(field)]), [:])
    }

    static func response(for error: WireError, headers: HTTPFields = [:], correlationID: String) -> Response {
        let envelope = ErrorEnvelope(error: .init(code: error.code.rawValue, message: error.message, correlationID: correlationID, details: error.details))
        let body = (try? CompactJSONEncoder().encode(envelope)) ?? ByteBuffer(string: #"{"error":{"code":"internal","message":"internal error"}}"#)
        var fields = headers
        fields[.contentType] = JSONResponse.contentType
        return Response(status: HTTPResponse.Status(code: error.code.httpStatus), headers: fields, body: body)
    }
}
