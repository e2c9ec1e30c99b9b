/// Work around every route: it may change the request or context on the way in, the
/// response on the way out, or answer (or throw) without calling `next`.
public protocol RouterMiddleware<Context>: Sendable {
    associatedtype Context: RequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response
}
