/// The one error that crosses a socket: a code from the closed set, a message a person can
/// read, and optional structured details (the offending field, a retry delay, …).
public struct WireError: Error, Codable, Sendable, Equatable {
    public var code: WireErrorCode
    public var message: String
    public var details: [String: JSONValue]?

    public init(_ code: WireErrorCode, _ message: String, details: [String: JSONValue]? = nil) {
        self.code = code
        self.message = message
        self.details = details
    }
}

extension WireError: CustomStringConvertible {
    public var description: String { "\(code.rawValue): \(message)" }
}

extension WireError {
    public static func badRequest(_ message: String, details: [String: JSONValue]? = nil) -> WireError {
        WireError(.badRequest, message, details: details)
    }

    public static func notFound(_ message: String, details: [String: JSONValue]? = nil) -> WireError {
        WireError(.notFound, message, details: details)
    }

    public static func conflict(_ message: String, details: [String: JSONValue]? = nil) -> WireError {
        WireError(.conflict, message, details: details)
    }

    public static func unavailable(_ message: String, details: [String: JSONValue]? = nil) -> WireError {
        WireError(.unavailable, message, details: details)
    }

    public static func deadlineExceeded(_ message: String) -> WireError {
        WireError(.deadlineExceeded, message)
    }

    /// A failure whose cause must not reach the caller; the cause belongs in the log.
    public static let internalFailure = WireError(.internal, "internal error")
}
