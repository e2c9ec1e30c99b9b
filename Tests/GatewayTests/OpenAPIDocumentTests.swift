import Foundation
import HTTPServing
import HTTPTypes
import ServiceSupport
@testable import Gateway
import Testing
import Yams

/// The hand-written OpenAPI document lists exactly the routes the gateway serves.
@Suite struct OpenAPIDocumentTests {
    @Test func documentMatchesRoutes() throws {
        let text = try #require(OpenAPIRoute.document, "openapi.yaml is not in the bundle")
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        var documented = Set<String>()
        for (path, item) in paths {
            for key in (item as? [String: Any] ?? [:]).keys where ["get", "post", "put", "patch", "delete"].contains(key) {
                documented.insert("\(key.uppercased()) \(path)")
            }
        }
        let configuration = GatewayConfiguration(
            layout: .init(runDirectory: "/nonexistent", dataDirectory: "/nonexistent"), adminToken: GatewayHarness.adminToken, botSecret: GatewayHarness.botSecret)
        let routes = buildGatewayRouter(configuration: configuration, metrics: GatewayMetrics()).routes
        let served = Set(routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")
    }
}
