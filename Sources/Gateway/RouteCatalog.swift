import HTTPServing
import NIOCore
import HTTPTypes

/// The gateway's routes as `METHOD /path/{param}` pairs: what the OpenAPI description must
/// list, and how a wrong method (405) is told from an unknown path (404).
struct RouteCatalog: Sendable {
    struct Route: Sendable, Hashable {
        var method: HTTPRequest.Method
        /// Path segments; a parameter is written `{name}`.
        var segments: [String]

        var path: String { "/" + segments.joined(separator: "/") }
    }

    let routes: [Route]

    /// The routes a router serves.
    init(_ routes: [Router<GatewayRequestContext>.Route]) {
        self.routes = routes.map { Route(method: $0.method, segments: $0.path.split(separator: "/").map(String.init)) }
    }

    /// The methods served at `path`; empty when no route has this path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let requested = path.split(separator: "/").map(String.init)
        return routes.filter { route in
            route.segments.count == requested.count
                && zip(route.segments, requested).allSatisfy { pattern, actual in pattern.hasPrefix("{") || pattern == actual }
        }.map(\.method)
    }
}
