import Foundation
import Logging
import NIOCore

/// The methods a server answers, each a typed handler behind its wire name.
///
/// Registration keeps the types; dispatch erases them: the table decodes the parameters
/// of the method named in the request, runs the handler and answers the exchange.
public struct WireHandlerTable: Sendable {
    /// Decodes the request frame as the method's types, runs the handler, answers the exchange.
    typealias ErasedHandler = @Sendable (ByteBuffer, WireExchange) async -> Void

    private(set) var handlers: [String: ErasedHandler] = [:]

    public init() {}

    /// The method names this table answers.
    public var methodNames: [String] { handlers.keys.sorted() }

    /// Registers `handler` for `method`. A handler throws `WireError` for failures the caller
    /// should see; any other error is logged and answered as `internal`, its text withheld.
    public mutating func register<Method: WireMethod>(
        _ method: Method.Type,
        _ handler: @escaping @Sendable (Method.Params, WireCallContext) async throws -> Method.Result
    ) {
        handlers[Method.name] = { frame, exchange in
            let body: WireRequestBody<Method.Params>
            do {
                body = try WireRequestBody<Method.Params>.decode(from: frame)
            } catch {
                return exchange.answer(.failure(Self.paramsError(error, method: Method.name)))
            }
            guard let call = exchange.begin(ctx: body.ctx, ctxProblem: body.ctxProblem) else { return }
            let params: Method.Params
            if let decoded = body.params {
                params = decoded
            } else {
                // No `params` at all reads as `{}`: fine for methods whose parameters are all optional.
                do {
                    params = try WireJSON.decode(Method.Params.self, from: Array("{}".utf8))
                } catch {
                    return exchange.answer(.failure(Self.paramsError(error, method: Method.name)))
                }
            }
            let result: Method.Result
            do {
                result = try await handler(params, call)
            } catch let error as WireError {
                return exchange.answer(.failure(error))
            } catch {
                call.logger.error("wire handler failed", metadata: ["error": "\(String(reflecting: error))"])
                return exchange.answer(.failure(WireError.internalFailure))
            }
            do {
                exchange.answer(.success(try WireResultEnvelope(id: exchange.id, result: result).frame(allocator: exchange.allocator)))
            } catch {
                call.logger.error("wire result not encodable", metadata: ["error": "\(error)"])
                exchange.answer(.failure(WireError.internalFailure))
            }
        }
    }

    /// `bad_request` naming the offending field as a dotted path under `params`.
    private static func paramsError(_ error: any Error, method: String) -> WireError {
        var details: [String: JSONValue] = [:]
        if let field = WireFieldPath.of(error) {
            details["field"] = .string(field.hasPrefix("params") ? field : "params.\(field)".trimmingCharacters(in: ["."]))
        }
        return WireError.badRequest("params do not fit \(method)", details: details)
    }
}
