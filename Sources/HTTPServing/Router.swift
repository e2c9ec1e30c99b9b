import HTTPTypes

/// Routes by method and path pattern, and the middleware every request passes, outermost
/// first. Filled in before serving; ``HTTPServer`` takes a ``Responder`` of it.
public final class Router<Context: RequestContext> {
    public typealias Handler = @Sendable (Request, Context) async throws -> Response

    /// A route as registered: its method and its pattern (`/users/{telegram_id}`).
    public struct Route: Sendable {
        public let method: HTTPRequest.Method
        public var path: String { pattern.text }
        let pattern: RoutePattern
        let handler: Handler
    }

    public private(set) var routes: [Route] = []
    private var middleware: [any RouterMiddleware<Context>] = []

    public init(context: Context.Type = Context.self) {}

    /// Adds `middleware` inside the ones added before it; it applies to every route.
    public func add(middleware: some RouterMiddleware<Context>) {
        self.middleware.append(middleware)
    }

    public func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: RoutePattern(path), handler: handler))
    }

    public func get(_ path: String, use handler: @escaping Handler) { on(path, method: .get, use: handler) }
    public func post(_ path: String, use handler: @escaping Handler) { on(path, method: .post, use: handler) }
    public func put(_ path: String, use handler: @escaping Handler) { on(path, method: .put, use: handler) }
    public func patch(_ path: String, use handler: @escaping Handler) { on(path, method: .patch, use: handler) }
    public func delete(_ path: String, use handler: @escaping Handler) { on(path, method: .delete, use: handler) }

    /// The routes and middleware as they are now, ready to answer requests.
    public var responder: Responder<Context> {
        Responder(routes: routes, middleware: middleware)
    }
}

extension Router where Context == BasicRequestContext {
    public convenience init() {
        self.init(context: BasicRequestContext.self)
    }
}

/// Answers a request: finds its route (setting the context's parameters and endpoint path),
/// then runs the middleware around the route's handler. HEAD is answered by the GET route
/// (and not listed in `Allow`, which names the routes).
/// An unknown route still passes the middleware, whose innermost step throws `HTTPError`:
/// 405 naming the path's methods when it has some, else 404.
public struct Responder<Context: RequestContext>: Sendable {
    private struct Endpoint: Sendable {
        let method: HTTPRequest.Method
        let pattern: RoutePattern
        /// The handler wrapped in all the middleware, composed once.
        let chain: Router<Context>.Handler
    }

    private let endpoints: [Endpoint]
    private let unmatched: Router<Context>.Handler

    init(routes: [Router<Context>.Route], middleware: [any RouterMiddleware<Context>]) {
        func wrapped(_ handler: @escaping Router<Context>.Handler) -> Router<Context>.Handler {
            middleware.reversed().reduce(handler) { next, middleware in
                { request, context in try await middleware.handle(request, context: context, next: next) }
            }
        }
        let endpoints = routes.map { Endpoint(method: $0.method, pattern: $0.pattern, chain: wrapped($0.handler)) }
        self.endpoints = endpoints
        unmatched = wrapped { request, _ in
            let segments = request.uri.path.split(separator: "/")
            let allowed = endpoints.filter { $0.pattern.match(segments: segments) != nil }.map(\.method)
            guard !allowed.isEmpty else { throw HTTPError(.notFound) }
            throw HTTPError.methodNotAllowed(allowed)
        }
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        var context = context
        // Split once, not once per route tried.
        let segments = request.uri.path.split(separator: "/")
        let method = request.method == .head ? .get : request.method
        for endpoint in endpoints where endpoint.method == method {
            if let parameters = endpoint.pattern.match(segments: segments) {
                context.parameters = parameters
                context.endpointPath = endpoint.pattern.text
                return try await endpoint.chain(request, context)
            }
        }
        return try await unmatched(request, context)
    }
}
