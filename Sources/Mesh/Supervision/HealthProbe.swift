import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP
import ServiceSupport
import Wire

/// Asks one process of a service whether it serves: Wire `sys.health` on its socket, or an
/// HTTP GET on the gateway's address. One probe per process, closed when the process ends.
struct HealthProbe: Sendable {
    /// What one check found.
    enum Verdict: Sendable, Equatable {
        case ok
        /// Up, but reporting a problem elsewhere (the gateway's 503 while a service behind it
        /// is down): not a reason to restart this one.
        case degraded(String)
        case failing(String)
    }

    private enum Target: Sendable {
        case none
        case wire(WireClient)
        case http(url: String)
    }

    private let target: Target

    /// A probe for `check`, addressed through the service's own settings (`MESH_RUN_DIR`,
    /// `GATEWAY_HOST`, `GATEWAY_PORT`).
    init(check: HealthCheck?, serviceName: String, environment: [String: String], timeout: Duration) {
        let settings = Settings(environment)
        switch check {
        case nil:
            target = .none
        case .wire(let socket):
            let layout = MeshLayout(settings: settings)
            let path = (layout.runDirectory as NSString).appendingPathComponent(socket)
            target = .wire(
                WireClient(
                    configuration: .init(
                        socketPath: path,
                        serviceName: serviceName,
                        poolSize: 1,
                        callTimeout: timeout,
                        connectTimeout: timeout,
                        initialReconnectDelay: .milliseconds(5),
                        maxReconnectDelay: .milliseconds(20)
                    )))
        case .http(let path):
            var host = settings.string("GATEWAY_HOST", default: "127.0.0.1")
            if host == "0.0.0.0" { host = "127.0.0.1" }
            if host == "::" { host = "::1" }
            if host.contains(":") { host = "[\(host)]" }
            let port = (try? settings.int("GATEWAY_PORT", default: 8080, range: 1...65535)) ?? 8080
            target = .http(url: "http://\(host):\(port)\(path)")
        }
    }

    /// Whether there is anything to check; without a check a launched process counts as healthy.
    var hasCheck: Bool {
        if case .none = target { return false }
        return true
    }

    func check(timeout: Duration) async -> Verdict {
        switch target {
        case .none:
            return .ok
        case .wire(let client):
            do {
                let health = try await client.call(SysHealth.self, WireEmpty(), .background("mesh-health"), timeout: timeout)
                return health.status == "ok" ? .ok : .failing("sys.health says \(health.status)")
            } catch {
                return .failing(error.message)
            }
        case .http(let url):
            do {
                let status = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: timeout) { response in
                    // Read to the end, so the gateway's answer is taken whole, not cut off.
                    _ = try? await response.body.collect(upTo: 1 << 20)
                    return response.status.code
                }
                switch status {
                case 200: return .ok
                case 503: return .degraded("HTTP 503: a service behind it is down")
                default: return .failing("HTTP \(status) from \(url)")
                }
            } catch {
                return .failing("no answer from \(url): \(error)")
            }
        }
    }

    func close() async {
        if case .wire(let client) = target { await client.close() }
    }
}
