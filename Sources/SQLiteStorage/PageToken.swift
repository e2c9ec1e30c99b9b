import Foundation

/// The opaque `next_cursor` of a paged listing: the last id of the page before, tagged with
/// the listing it belongs to, as unpadded base64url of `<tag>:<id>`, so callers cannot come to
/// depend on what is inside and a token of one listing is refused by another.
public enum PageToken {
    public static func encode(tag: String, after id: Int64) -> String {
        Data("\(tag):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The id inside a token made by `encode` with the same tag; nil for anything else.
    public static func decode(_ token: String, tag: String) -> Int64? {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == tag else { return nil }
        return Int64(parts[1])
    }
}
