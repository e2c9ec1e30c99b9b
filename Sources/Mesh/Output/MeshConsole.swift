import Foundation
import Synchronization

/// Where the merged output of the services goes: standard output, each line prefixed with
/// the service's name (`users-service | {…}`, JSON kept intact) or pretty-printed; in tests,
/// a buffer.
public final class MeshConsole: Sendable {
    /// How lines are shown.
    public enum Format: Sendable {
        /// `name | <the line as written>`.
        case json
        /// `hh:mm:ss level name msg key=value…`.
        case pretty
    }

    private enum Sink {
        case standardOutput
        case buffer([String])
    }

    private struct State {
        var sink: Sink
        var nameWidth = 0
    }

    /// How lines are shown.
    public let format: Format
    private let state: Mutex<State>

    private init(format: Format, sink: Sink) {
        self.format = format
        self.state = Mutex(State(sink: sink))
    }

    /// Writes to the process's standard output, as `mesh up` does.
    public static func standardOutput(format: Format) -> MeshConsole {
        MeshConsole(format: format, sink: .standardOutput)
    }

    /// Keeps the lines in memory, for tests.
    public static func buffer(format: Format = .json) -> MeshConsole {
        MeshConsole(format: format, sink: .buffer([]))
    }

    /// The lines kept so far by a buffer console.
    public var lines: [String] {
        state.withLock { state in
            if case .buffer(let lines) = state.sink { return lines }
            return []
        }
    }

    /// Pads names to the longest of `names`, so the columns line up.
    func alignNames(_ names: [String]) {
        state.withLock { $0.nameWidth = max($0.nameWidth, names.map(\.count).max() ?? 0) }
    }

    /// One line a service wrote.
    func write(service: String, line: String) {
        let width = state.withLock { $0.nameWidth }
        let name = service.padding(toLength: max(width, service.count), withPad: " ", startingAt: 0)
        switch format {
        case .json: emit("\(name) | \(line)")
        case .pretty: emit(PrettyLogLine(line: line, fallbackService: service).rendered(nameWidth: width))
        }
    }

    /// A line already formatted, e.g. the mesh's own pretty log lines.
    func emit(_ line: String) {
        state.withLock { state in
            switch state.sink {
            case .standardOutput:
                // One write per line under the lock: lines of different services never interleave.
                // A closed stdout (`mesh up | head`) must not take the mesh down.
                try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
            case .buffer(var lines):
                lines.append(line)
                state.sink = .buffer(lines)
            }
        }
    }

    var nameWidth: Int { state.withLock { $0.nameWidth } }
}
