import Synchronization

/// The exit of one process, set once by its termination handler and awaited by any number
/// of tasks.
final class ProcessExit: Sendable {
    private enum State {
        case running(waiters: [UInt64: CheckedContinuation<ExitReason?, Never>])
        case exited(ExitReason)
    }

    private let state = Mutex(State.running(waiters: [:]))
    private let waiterIDs = Atomic<UInt64>(0)

    /// Why the process ended, once it has.
    var reason: ExitReason? {
        state.withLock { state in
            if case .exited(let reason) = state { return reason }
            return nil
        }
    }

    /// Records the exit and wakes every waiter. Only the first call counts.
    func finish(_ reason: ExitReason) {
        let waiters = state.withLock { state -> [CheckedContinuation<ExitReason?, Never>] in
            guard case .running(let waiters) = state else { return [] }
            state = .exited(reason)
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: reason) }
    }

    /// Waits for the exit; nil when the waiting task is cancelled first.
    func wait() async -> ExitReason? {
        let id = waiterIDs.wrappingAdd(1, ordering: .relaxed).newValue
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ExitReason?, Never>) in
                let immediate = state.withLock { state -> ExitReason?? in
                    switch state {
                    case .exited(let reason):
                        return .some(reason)
                    case .running(var waiters):
                        if Task.isCancelled { return .some(nil) }
                        waiters[id] = continuation
                        state = .running(waiters: waiters)
                        return .none
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<ExitReason?, Never>? in
                guard case .running(var waiters) = state, let waiter = waiters.removeValue(forKey: id) else { return nil }
                state = .running(waiters: waiters)
                return waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Waits at most `timeout`; nil when the process is still running then.
    func wait(timeout: Duration) async -> ExitReason? {
        if let reason { return reason }
        return await withTaskGroup(of: ExitReason?.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? reason
        }
    }
}
