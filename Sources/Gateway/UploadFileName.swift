import Foundation

/// The name an uploaded file is known by: from the `filename` query parameter, a
/// `Content-Disposition` header (`filename*=UTF-8''…` preferred), or `X-File-Name`;
/// reduced to its last path component so no folder part can travel further.
enum UploadFileName {
    /// `filename*=` (RFC 5987, percent-encoded UTF-8) or else `filename=`.
    static func fromContentDisposition(_ value: String) -> String? {
        if let extended = parameter("filename*", in: value) {
            let encoded = extended.range(of: "''").map { String(extended[$0.upperBound...]) } ?? extended
            if let decoded = encoded.removingPercentEncoding, !decoded.isEmpty { return sanitized(decoded) }
        }
        return parameter("filename", in: value).flatMap(sanitized)
    }

    /// One `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var raw = pair[1].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            return raw
        }
        return nil
    }

    /// The last path component, without control characters; nil when nothing is left.
    static func sanitized(_ name: String) -> String? {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty, clean != ".", clean != ".." else { return nil }
        return String(clean.prefix(255))
    }
}
