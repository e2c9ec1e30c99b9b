#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A test-only fault: the process kills itself with `SIGKILL` right after the n-th write
/// transaction that the index must follow has committed to `kb.sqlite`, and before the index
/// commit that would follow it.
///
/// Set by `RAG_FAULT_KILL_AFTER_SQLITE_COMMIT=<n>` (for tests only: never in a deployment).
/// It exists so a test can stop a real `rag-core` exactly in the window the change log and
/// the replay on start are there for, with a real process death (no cleanup, no flush, no
/// deinit), rather than trusting an in-process imitation of a crash.
final class IndexCommitFault: Sendable {
    /// The write (counting from 1) after whose SQLite commit the process dies.
    let killAfterCommit: Int
    private let commits = Atomic<Int>(0)

    init(killAfterCommit: Int) {
        self.killAfterCommit = killAfterCommit
    }

    /// Called between a write's SQLite commit and its index catch-up.
    func sqliteCommitted() {
        let count = commits.wrappingAdd(1, ordering: .relaxed).newValue
        if count == killAfterCommit {
            kill(getpid(), SIGKILL)
        }
    }
}
