import Foundation

/// Reads a `.env` file: `KEY=VALUE` lines, `#` comments, optional `export `, and values in
/// single or double quotes (double quotes understand `\n`, `\t`, `\"` and `\\`).
public enum DotEnvFile {
    /// A line that is neither blank, a comment, nor `KEY=VALUE`.
    public struct SyntaxError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var line: Int
        public var reason: String

        public var description: String { "\(path):\(line): \(reason)" }
    }

    /// The variables in the file at `path`, or an empty set when there is no such file.
    public static func load(path: String) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String = ".env") throws(SyntaxError) -> [String: String] {
        var variables: [String: String] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else {
                throw SyntaxError(path: path, line: offset + 1, reason: "expected KEY=VALUE")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard isValidKey(key) else {
                throw SyntaxError(path: path, line: offset + 1, reason: "invalid variable name '\(key)'")
            }
            let rawValue = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            variables[key] = try value(of: rawValue, path: path, line: offset + 1)
        }
        return variables
    }

    private static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func value(of raw: String, path: String, line: Int) throws(SyntaxError) -> String {
        guard let quote = raw.first, quote == "\"" || quote == "'" else {
            // Unquoted: an inline comment starts at " #".
            if let comment = raw.range(of: " #") {
                return raw[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            return raw
        }
        guard raw.count >= 2, let closing = raw.dropFirst().lastIndex(of: quote) else {
            throw SyntaxError(path: path, line: line, reason: "unterminated quoted value")
        }
        let inner = String(raw[raw.index(after: raw.startIndex)..<closing])
        guard quote == "\"" else { return inner }
        var result = ""
        var escaping = false
        for character in inner {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
