import ServiceSupport

/// Everything `gateway` needs to start, read once from the settings.
public struct GatewayConfiguration: Sendable {
    /// `GATEWAY_HOST` (default 127.0.0.1).
    public var host: String
    /// `GATEWAY_PORT` (default 8080; 0 picks a free port, for tests).
    public var port: Int
    public var layout: MeshLayout
    public var wire: WireSettings

    public init(host: String = "127.0.0.1", port: Int = 8080, layout: MeshLayout, wire: WireSettings = WireSettings()) {
        self.host = host
        self.port = port
        self.layout = layout
        self.wire = wire
    }

    public init(settings: Settings) throws {
        self.init(
            host: settings.string("GATEWAY_HOST", default: "127.0.0.1"),
            port: try settings.int("GATEWAY_PORT", default: 8080, range: 0...65535),
            layout: MeshLayout(settings: settings),
            wire: try WireSettings(settings: settings)
        )
    }
}
