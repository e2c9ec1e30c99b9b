import Foundation

/// The `file` part of a `multipart/form-data` body that was staged whole to disk: where its
/// bytes lie in the file, and the name and type its headers give. Found by reading the
/// staged file through a memory map, so the body is never copied into memory.
struct UploadMultipartPart: Sendable {
    var range: Range<Int>
    var fileName: String?
    var contentType: String?

    /// Why a multipart body was not understood.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The boundary of a `multipart/form-data` content type, or nil for other types.
    static func boundary(ofContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Finds the part named `file` (or else the first part with a file name) in `data`.
    static func find(in data: Data, boundary: String) throws(Malformed) -> UploadMultipartPart {
        let delimiter = Data("--\(boundary)".utf8)
        let nextDelimiter = Data("\r\n--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard var cursor = data.range(of: delimiter)?.upperBound else { throw Malformed(description: "no multipart boundary in the body") }
        var fallback: UploadMultipartPart?
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            guard cursor + 2 <= data.count else { break }
            if data[cursor] == UInt8(ascii: "-"), data[cursor + 1] == UInt8(ascii: "-") { break }
            guard let headersEnd = data.range(of: headerEnd, in: cursor..<data.count) else {
                throw Malformed(description: "a multipart part has no end of headers")
            }
            let headers = String(decoding: data[cursor..<headersEnd.lowerBound], as: UTF8.self)
            let contentStart = headersEnd.upperBound
            guard let end = data.range(of: nextDelimiter, in: contentStart..<data.count) else {
                throw Malformed(description: "a multipart part has no closing boundary")
            }
            let (name, fileName, contentType) = parse(headers: headers)
            let part = UploadMultipartPart(range: contentStart..<end.lowerBound, fileName: fileName, contentType: contentType)
            if name == "file" { return part }
            if fallback == nil, fileName != nil { fallback = part }
            cursor = end.upperBound
        }
        guard let fallback else { throw Malformed(description: "the multipart body has no part named file") }
        return fallback
    }

    /// The form field name, file name and content type of a part.
    private static func parse(headers: String) -> (name: String?, fileName: String?, contentType: String?) {
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2 else { continue }
            let field = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pieces[1].trimmingCharacters(in: .whitespaces)
            if field == "content-type" { contentType = value }
            if field == "content-disposition" {
                name = UploadFileName.parameter("name", in: value)
                fileName = UploadFileName.fromContentDisposition(value)
            }
        }
        return (name, fileName, contentType)
    }
}
