import HTTPTypes

/// A failure that is an HTTP status: thrown by a route or the router (an unknown path is
/// `notFound`), answered with that status by the server unless a middleware answers first.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// What the response says, as plain text; the status's reason phrase when nil.
    public var message: String?

    public init(_ status: HTTPResponse.Status, message: String? = nil) {
        self.status = status
        self.message = message
    }

    public var description: String { "HTTP \(status.code): \(message ?? status.reasonPhrase)" }
}
