/// `sys.health`: is the service up and able to do its work. Every service answers it.
public enum SysHealth: WireMethod {
    public static let name = "sys.health"
    public static let isIdempotent = true

    public typealias Params = WireEmpty

    public struct Result: Codable, Sendable, Equatable {
        /// `ok` when the service can serve requests.
        public var status: String
        /// The service's name, e.g. `users-service`.
        public var service: String

        public init(status: String, service: String) {
            self.status = status
            self.service = service
        }
    }
}
