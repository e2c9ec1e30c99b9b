import HTTPTypes

/// A failure that is an HTTP status: thrown by a route or the router (an unknown path is
/// `notFound`), answered with that status by the server unless a middleware answers first.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// What the response says, as plain text; the status's reason phrase when nil.
    public var message: String?
    /// Headers the answer carries (`Allow` with a 405).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, message: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// 405, naming the methods the path does have in `Allow`.
    static func methodNotAllowed(_ allowed: [HTTPRequest.Method]) -> HTTPError {
        let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return HTTPError(.methodNotAllowed, headers: [.allow: allow])
    }

    public var description: String { "HTTP \(status.code): \(message ?? status.reasonPhrase)" }
}
