import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the gateway's HTTP application; its `main` and the tests both call this.
public func buildGateway(configuration: GatewayConfiguration, logger: Logger) -> some ApplicationProtocol {
    let services = MeshServices(layout: configuration.layout, wire: configuration.wire)
    let router = Router()
    router.get("/api/v1/health") { _, context -> Response in
        let report = await HealthReport.collect(from: services, ctx: .background("health"), timeout: .seconds(1))
        let body = try JSONEncoder().encode(report)
        return Response(
            status: report.down.isEmpty ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gateway"),
        logger: logger
    )
}
