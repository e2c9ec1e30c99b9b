import Foundation

/// A route's path: literal segments, `{name}` parameters, `*` for any one segment and `**`
/// for whatever follows. Empty segments are ignored on both sides (`/a//b/` is `/a/b`).
struct RoutePattern: Sendable {
    enum Segment: Sendable {
        case literal(Substring)
        case parameter(String)
        case anySegment
        case rest
    }

    let text: String
    let segments: [Segment]

    init(_ text: String) {
        self.text = text
        segments = text.split(separator: "/").map { segment in
            if segment == "**" { return .rest }
            if segment == "*" { return .anySegment }
            if segment.hasPrefix("{"), segment.hasSuffix("}") { return .parameter(String(segment.dropFirst().dropLast())) }
            return .literal(segment)
        }
    }

    /// The parameters when `path` matches, else nil.
    func match(_ path: Substring) -> RouteParameters? {
        match(segments: path.split(separator: "/"))
    }

    /// The parameters when a path split at `/` matches, else nil.
    func match(segments parts: [Substring]) -> RouteParameters? {
        var parameters = RouteParameters()
        var segments = self.segments[...]
        for part in parts {
            guard let segment = segments.popFirst() else { return nil }
            switch segment {
            case .literal(let literal):
                guard literal == part else { return nil }
            case .parameter(let name):
                parameters.values.append((name, part.removingPercentEncoding ?? String(part)))
            case .anySegment:
                continue
            case .rest:
                return parameters
            }
        }
        guard segments.allSatisfy({ if case .rest = $0 { true } else { false } }) else { return nil }
        return parameters
    }
}
