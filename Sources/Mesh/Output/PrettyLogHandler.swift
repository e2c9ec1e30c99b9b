import Foundation
import Logging

/// The mesh's own log lines under `--pretty`: the same shape as the services' lines, on the
/// same console, so one stream reads in order.
struct PrettyLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let service: String
    private let console: MeshConsole

    init(service: String, console: MeshConsole, level: Logger.Level) {
        self.service = service
        self.console = console
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() {
            fields.merge(provided) { _, provided in provided }
        }
        if let eventMetadata = event.metadata {
            fields.merge(eventMetadata) { _, event in event }
        }
        let line = PrettyLogLine(
            time: Date(),
            level: event.level.rawValue,
            service: service,
            message: event.message.description,
            fields: fields.keys.sorted().map { ($0, Self.text(of: fields[$0]!)) }
        )
        console.emit(line.rendered(nameWidth: console.nameWidth))
    }

    private static func text(of value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): PrettyLogLine.quotedIfNeeded(string)
        case .stringConvertible(let convertible): PrettyLogLine.quotedIfNeeded(convertible.description)
        case .array, .dictionary: value.description
        }
    }
}
