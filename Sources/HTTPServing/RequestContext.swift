import Logging
import NIOCore

/// Per-request state that middleware fills in and routes read. A server makes one for each
/// request with ``init(source:)``; the fields every context has live in ``core``.
public protocol RequestContext: Sendable {
    init(source: RequestContextSource)
    var core: CoreRequestContext { get set }
}

/// What the server knows when a request arrives.
public struct RequestContextSource: Sendable {
    public var logger: Logger
    public var remoteAddress: SocketAddress?
}

/// The fields every context has.
public struct CoreRequestContext: Sendable {
    public var logger: Logger
    /// The path's `{name}` segments of the matched route.
    public var parameters = RouteParameters()
    /// The matched route's pattern (`/users/{telegram_id}`); nil when no route matched.
    public var endpointPath: String?

    public init(source: RequestContextSource) {
        logger = source.logger
    }
}

extension RequestContext {
    public var logger: Logger {
        get { core.logger }
        set { core.logger = newValue }
    }

    public var parameters: RouteParameters {
        get { core.parameters }
        set { core.parameters = newValue }
    }

    public var endpointPath: String? {
        get { core.endpointPath }
        set { core.endpointPath = newValue }
    }
}

/// A context with nothing but the core fields.
public struct BasicRequestContext: RequestContext {
    public var core: CoreRequestContext

    public init(source: RequestContextSource) {
        core = CoreRequestContext(source: source)
    }
}

/// The values of a route's `{name}` segments, percent-decoded.
public struct RouteParameters: Sendable {
    var values: [(name: String, value: String)] = []

    public init() {}

    public func get(_ name: String) -> String? {
        values.first { $0.name == name }?.value
    }
}
