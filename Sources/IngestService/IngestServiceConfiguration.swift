import ServiceSupport

/// Everything `ingest-service` needs to start, read once from the settings.
public struct IngestServiceConfiguration: Sendable {
    public var layout: MeshLayout
    public var wire: WireSettings

    public init(layout: MeshLayout, wire: WireSettings = WireSettings()) {
        self.layout = layout
        self.wire = wire
    }

    public init(settings: Settings) throws {
        self.init(layout: MeshLayout(settings: settings), wire: try WireSettings(settings: settings))
    }
}
