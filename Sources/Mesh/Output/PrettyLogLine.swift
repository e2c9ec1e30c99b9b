import Foundation
import Wire

/// One log line as `mesh up --pretty` shows it: `hh:mm:ss level service msg key=value…`.
struct PrettyLogLine {
    var time: Date
    var level: String
    var service: String
    var message: String
    /// The remaining fields, rendered as they read after `key=`, in key order.
    var fields: [(key: String, value: String)]

    init(time: Date, level: String, service: String, message: String, fields: [(key: String, value: String)]) {
        self.time = time
        self.level = level
        self.service = service
        self.message = message
        self.fields = fields
    }

    /// Reads a JSON log line (`ts`, `level`, `service`, `msg`, fields); any other text becomes
    /// the message of a line without level, attributed to `fallbackService`.
    init(line: String, fallbackService: String, now: Date = Date()) {
        guard line.hasPrefix("{"), let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8)) else {
            self.init(time: now, level: "", service: fallbackService, message: line, fields: [])
            return
        }
        let fixed: Set<String> = ["ts", "level", "service", "msg"]
        self.init(
            time: object["ts"]?.stringValue.flatMap(Self.parseTimestamp) ?? now,
            level: object["level"]?.stringValue ?? "",
            service: object["service"]?.stringValue ?? fallbackService,
            message: object["msg"]?.stringValue ?? "",
            fields: object.keys.sorted().filter { !fixed.contains($0) }.map { ($0, Self.text(of: object[$0]!)) }
        )
    }

    func rendered(nameWidth: Int) -> String {
        let clock = Calendar.current.dateComponents([.hour, .minute, .second], from: time)
        var line = String(format: "%02d:%02d:%02d ", clock.hour ?? 0, clock.minute ?? 0, clock.second ?? 0)
        line += level.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
        line += service.padding(toLength: max(nameWidth, service.count), withPad: " ", startingAt: 0) + " "
        line += message
        for (key, value) in fields {
            line += " \(key)=\(value)"
        }
        return line
    }

    /// A JSON value as it reads after `key=`: strings bare (quoted when they would not read as
    /// one value), everything else as compact JSON.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let string): return quotedIfNeeded(string)
        case .int(let int): return String(int)
        case .double(let double): return String(double)
        case .bool(let bool): return String(bool)
        case .null: return "null"
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    /// Quotes text that would otherwise not read as one value: empty, or with spaces, quotes or `=`.
    static func quotedIfNeeded(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }

    private static func parseTimestamp(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
