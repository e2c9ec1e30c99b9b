/// `mesh.stop`: stops every service in reverse dependency order, then the mesh itself, just
/// as SIGTERM to `mesh` would. Answers at once; the stopping goes on after the answer.
public enum MeshStop: WireMethod {
    public static let name = "mesh.stop"
    public static let isIdempotent = true

    public typealias Params = WireEmpty

    /// What the mesh is about to stop.
    public struct Result: Codable, Sendable, Equatable {
        /// The services that will be stopped, in the order they will be stopped.
        public var stopping: [String]

        public init(stopping: [String]) {
            self.stopping = stopping
        }
    }
}
