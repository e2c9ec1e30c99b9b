import Wire

/// The Wire settings every process shares: `WIRE_MAX_FRAME`, `WIRE_TIMEOUT_MS`, `WIRE_POOL_SIZE`.
public struct WireSettings: Sendable, Equatable {
    public var maxFrameLength: Int
    public var callTimeout: Duration
    public var poolSize: Int

    public init(maxFrameLength: Int = WireFraming.defaultMaxFrameLength, callTimeout: Duration = .seconds(5), poolSize: Int = 4) {
        self.maxFrameLength = maxFrameLength
        self.callTimeout = callTimeout
        self.poolSize = poolSize
    }

    public init(settings: Settings) throws(ConfigurationError) {
        self.init(
            maxFrameLength: try settings.int("WIRE_MAX_FRAME", default: WireFraming.defaultMaxFrameLength, range: 1024...(1 << 30)),
            callTimeout: try settings.milliseconds("WIRE_TIMEOUT_MS", default: .seconds(5)),
            poolSize: try settings.int("WIRE_POOL_SIZE", default: 4, range: 1...64)
        )
    }

    /// A client for the service listening on `socketPath`.
    public func client(socketPath: String, serviceName: String) -> WireClient {
        WireClient(configuration: .init(
            socketPath: socketPath,
            serviceName: serviceName,
            poolSize: poolSize,
            callTimeout: callTimeout,
            maxFrameLength: maxFrameLength
        ))
    }
}
