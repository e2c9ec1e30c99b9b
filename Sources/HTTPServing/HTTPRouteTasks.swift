import Synchronization

/// The routes a server has running: each is a task of its own (started inside a read, not as a
/// child of the server's task), so the server cancels them and waits for them itself when it
/// stops, as a task group would have.
final class HTTPRouteTasks: Sendable {
    private struct State {
        var nextID = 0
        /// Begun and not finished.
        var active: Set<Int> = []
        /// The tasks of the active routes, once known (a route can finish before its task is).
        var tasks: [Int: Task<Void, Never>] = [:]
        var cancelled = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// A new route's id; it counts as running until ``finished(_:)``.
    func begin() -> Int {
        state.withLock { state in
            state.nextID += 1
            state.active.insert(state.nextID)
            return state.nextID
        }
    }

    /// The task of route `id`, to cancel it with the others; nothing when it finished already.
    func track(_ id: Int, _ task: Task<Void, Never>) {
        let cancel: Bool = state.withLock { state in
            guard state.active.contains(id) else { return false }
            state.tasks[id] = task
            return state.cancelled
        }
        if cancel { task.cancel() }
    }

    func finished(_ id: Int) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.active.remove(id)
            state.tasks.removeValue(forKey: id)
            guard state.active.isEmpty else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Cancels every running route, and any tracked later.
    func cancelAll() {
        let tasks = state.withLock { state in
            state.cancelled = true
            return Array(state.tasks.values)
        }
        for task in tasks { task.cancel() }
    }

    /// Returns once no route is running.
    func waitUntilNoneRunning() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.active.isEmpty { return true }
                state.waiters.append(waiter)
                return false
            }
            if done { waiter.resume() }
        }
    }
}
