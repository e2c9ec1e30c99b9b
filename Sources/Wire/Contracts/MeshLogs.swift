/// `mesh.logs`: the last lines one service wrote to stdout/stderr, as the mesh keeps them
/// in a bounded buffer per service. Each line has a sequence number, so a follower asks only
/// for lines `after` the last one it saw.
public enum MeshLogs: WireMethod {
    public static let name = "mesh.logs"
    public static let isIdempotent = true

    /// Which service, how many lines, and from where.
    public struct Params: Codable, Sendable, Equatable {
        /// The service's name in `mesh.yaml`.
        public var service: String
        /// At most this many lines, the newest ones (default 100).
        public var lines: Int?
        /// Only lines with a sequence number greater than this.
        public var after: Int64?

        public init(service: String, lines: Int? = nil, after: Int64? = nil) {
            self.service = service
            self.lines = lines
            self.after = after
        }
    }

    /// The lines, and where a follower continues.
    public struct Result: Codable, Sendable, Equatable {
        public var service: String
        /// The lines, oldest first, as the service wrote them (JSON log lines stay intact).
        public var lines: [String]
        /// The sequence number of the newest line the mesh holds for the service (0: none yet);
        /// pass it as `after` to get only what comes next.
        public var lastSequence: Int64

        public init(service: String, lines: [String], lastSequence: Int64) {
            self.service = service
            self.lines = lines
            self.lastSequence = lastSequence
        }

        enum CodingKeys: String, CodingKey {
            case service, lines
            case lastSequence = "last_sequence"
        }
    }
}
