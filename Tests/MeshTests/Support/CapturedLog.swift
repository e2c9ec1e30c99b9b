import Logging
import Synchronization

/// The log lines a supervisor wrote during a test, to check what happened in which order.
final class CapturedLog: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
        var at = ContinuousClock.now
    }

    private let entries = Mutex<[Entry]>([])

    /// A logger that records here.
    func logger(label: String = "mesh") -> Logger {
        Logger(label: label) { _ in Handler(log: self) }
    }

    var all: [Entry] { entries.withLock { $0 } }

    /// The position of the first entry with `message` about service `name`.
    func firstIndex(of message: String, name: String) -> Int? {
        all.firstIndex { $0.message == message && $0.metadata["name"] == name }
    }

    /// Every entry as one line, for a failure message.
    var transcript: String {
        guard let start = all.first?.at else { return "" }
        return all.map { "\(($0.at - start)) \($0.level) \($0.message) \($0.metadata)" }
            .joined(separator: "\n")
    }

    fileprivate func append(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            log.append(Entry(level: event.level, message: event.message.description, metadata: merged.mapValues { "\($0)" }))
        }
    }
}
