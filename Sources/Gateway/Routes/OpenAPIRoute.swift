import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// `GET /api/v1/openapi.yaml` (public): the hand-written OpenAPI 3.1 description of every route.
struct OpenAPIRoute {
    static var document: String? {
        Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    func register(on router: Router<GatewayRequestContext>) {
        let document = Self.document
        router.get("/api/v1/openapi.yaml") { _, _ -> Response in
            guard let document else { throw GatewayError(.notFound, "the OpenAPI document is not installed") }
            return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: ByteBuffer(string: document))
        }
    }
}
