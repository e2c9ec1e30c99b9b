/// One Wire RPC method: its name on the wire and the types of its parameters and result.
///
/// Client and server share the conforming type, so a call site and its handler cannot
/// disagree about shapes: `try await users.call(UsersGet.self, .init(telegramID: id), ctx)`.
public protocol WireMethod: Sendable {
    associatedtype Params: Codable & Sendable
    associatedtype Result: Codable & Sendable

    /// `service.verb`, e.g. `users.get`.
    static var name: String { get }

    /// Whether repeating the call has the same effect as making it once. Only such calls
    /// are retried across a reconnect.
    static var isIdempotent: Bool { get }
}

extension WireMethod {
    public static var isIdempotent: Bool { false }
}

/// Parameters or result of a method that has none: `{}` on the wire.
public struct WireEmpty: Codable, Sendable, Equatable {
    public init() {}
}
