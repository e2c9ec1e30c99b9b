import Foundation

/// A request's target as sent (`/path?query`): its path, and its query read as parameters.
public struct RequestURI: Sendable, CustomStringConvertible {
    /// Exactly as the request line has it; what a signature over the request covers.
    public let description: String

    public init(_ target: String) {
        description = target
    }

    /// Before `?`, still percent-encoded.
    public var path: Substring {
        description.firstIndex(of: "?").map { description[..<$0] } ?? description[...]
    }

    /// After `?`; empty when there is none.
    public var query: Substring {
        description.firstIndex(of: "?").map { description[description.index(after: $0)...] } ?? ""
    }

    public var queryParameters: QueryParameters { QueryParameters(query: query) }
}

/// `name=value` pairs of a query, percent-decoded (`+` read as a space), in order.
public struct QueryParameters: Sendable {
    public let pairs: [(name: String, value: String)]

    public init(query: Substring) {
        pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decoded(parts[0]), parts.count > 1 ? Self.decoded(parts[1]) : "")
        }
    }

    /// The first value of `name`.
    public func get(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func getAll(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// Left as written when the escapes do not decode to UTF-8.
    private static func decoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
