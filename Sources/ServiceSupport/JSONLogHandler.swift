import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to stderr:
/// `ts`, `level`, `service`, `msg`, then every metadata field (`correlation_id`,
/// `telegram_id`, and the event's own fields).
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let service: String
    private let output: LogOutput

    public init(service: String, label: String, level: Logger.Level = .info, output: LogOutput = .standardError) {
        self.service = service
        self.logLevel = level
        self.output = output
        self.metadata = label == service ? [:] : ["logger": .string(label)]
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() {
            fields.merge(provided) { _, provided in provided }
        }
        if let eventMetadata = event.metadata {
            fields.merge(eventMetadata) { _, event in event }
        }
        output.write(Self.line(level: event.level, service: service, message: event.message.description, fields: fields))
    }

    /// One log line, ending in a newline. Fixed keys come first so lines read well unparsed.
    static func line(level: Logger.Level, service: String, message: String, fields: Logger.Metadata, date: Date = Date()) -> String {
        var line = "{\"ts\":\"\(timestampFormatter.format(date))\",\"level\":\"\(level.rawValue)\",\"service\":"
        appendQuoted(service, to: &line)
        line += ",\"msg\":"
        appendQuoted(message, to: &line)
        for key in fields.keys.sorted() where !["ts", "level", "service", "msg"].contains(key) {
            line += ","
            appendQuoted(key, to: &line)
            line += ":"
            appendValue(fields[key]!, to: &line)
        }
        line += "}\n"
        return line
    }

    private static let timestampFormatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func appendValue(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let string):
            appendQuoted(string, to: &line)
        case .stringConvertible(let convertible):
            // Numbers stay numbers so `jq 'select(.telegram_id == 42)'` works.
            let text = convertible.description
            if convertible is any BinaryInteger || convertible is Double, Double(text) != nil {
                line += text
            } else {
                appendQuoted(text, to: &line)
            }
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendValue(element, to: &line)
            }
            line += "]"
        case .dictionary(let dictionary):
            line += "{"
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                appendQuoted(key, to: &line)
                line += ":"
                appendValue(dictionary[key]!, to: &line)
            }
            line += "}"
        }
    }

    static func appendQuoted(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                line += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}

/// Where log lines go: stderr in processes, a buffer in tests.
public final class LogOutput: Sendable {
    private let sink: Mutex<Sink>

    private enum Sink {
        case standardError
        case buffer([String])
    }

    private init(_ sink: Sink) { self.sink = Mutex(sink) }

    public static let standardError = LogOutput(.standardError)

    /// Keeps lines in memory, for tests that read what was logged.
    public static func buffer() -> LogOutput { LogOutput(.buffer([])) }

    /// The lines kept so far by a buffer output.
    public var lines: [String] {
        sink.withLock { sink in
            if case .buffer(let lines) = sink { return lines }
            return []
        }
    }

    func write(_ line: String) {
        sink.withLock { sink in
            switch sink {
            case .standardError:
                // One write per line, under the lock, so concurrent lines never interleave.
                // A failed write (the reading end closed) loses the line; it must not stop the
                // process, which `FileHandle.write(_:)` would.
                try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
            case .buffer(var lines):
                lines.append(line)
                sink = .buffer(lines)
            }
        }
    }
}
