/// `sys.info`: what is running behind a socket. Every service answers it.
public enum SysInfo: WireMethod {
    public static let name = "sys.info"
    public static let isIdempotent = true

    public typealias Params = WireEmpty

    public struct Result: Codable, Sendable, Equatable {
        public var service: String
        public var version: String
        public var pid: Int32
        /// Seconds since the server started listening.
        public var uptimeSeconds: Double
        /// Requests being handled right now, this one included.
        public var inFlight: Int
        /// Every method the service answers.
        public var methods: [String]

        public init(service: String, version: String, pid: Int32, uptimeSeconds: Double, inFlight: Int, methods: [String]) {
            self.service = service
            self.version = version
            self.pid = pid
            self.uptimeSeconds = uptimeSeconds
            self.inFlight = inFlight
            self.methods = methods
        }

        enum CodingKeys: String, CodingKey {
            case service, version, pid, methods
            case uptimeSeconds = "uptime_seconds"
            case inFlight = "in_flight"
        }
    }
}
