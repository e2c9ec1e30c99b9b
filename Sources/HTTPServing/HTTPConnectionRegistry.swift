import NIOCore
import Synchronization

/// The open connections and whether each is between requests, so a graceful shutdown can
/// close the idle ones at once and the busy ones after their response.
final class HTTPConnectionRegistry: Sendable {
    private struct State {
        var nextID = 0
        var idle: [Int: any Channel] = [:]
        var busy: [Int: any Channel] = [:]
        var shuttingDown = false
    }

    private let state = Mutex(State())

    /// Registers a new connection; nil once shutting down.
    func opened(_ channel: any Channel) -> Int? {
        state.withLock { state in
            guard !state.shuttingDown else { return nil }
            state.nextID += 1
            state.idle[state.nextID] = channel
            return state.nextID
        }
    }

    func busy(_ id: Int) {
        state.withLock { state in
            if let channel = state.idle.removeValue(forKey: id) { state.busy[id] = channel }
        }
    }

    /// Marks the connection idle again; false when it should close instead (shutting down).
    func idle(_ id: Int) -> Bool {
        state.withLock { state in
            guard !state.shuttingDown else { return false }
            if let channel = state.busy.removeValue(forKey: id) { state.idle[id] = channel }
            return true
        }
    }

    func closed(_ id: Int) {
        state.withLock { state in
            state.idle[id] = nil
            state.busy[id] = nil
        }
    }

    /// No more connections; the idle ones are closed now.
    func shutDown() {
        let idle = state.withLock { state in
            state.shuttingDown = true
            return Array(state.idle.values)
        }
        for channel in idle { channel.close(promise: nil) }
    }
}
