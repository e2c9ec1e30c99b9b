import Foundation
import Synchronization

/// Kills, when the test process exits, every service process a test started and did not stop.
///
/// A test normally stops its processes, and `ServiceProcess`'s deinit kills the rest; but a
/// harness still referenced when the test run ends (an unstructured task holding it, the last
/// test finishing as the process exits) is never deinitialised, and its children would keep
/// running after the run, holding ports and CPU.
enum ChildProcessReaper {
    /// Each running child's pid and executable.
    private static let running = Mutex<[Int32: String]>([:])
    private static let installed = Atomic<Bool>(false)

    static func started(_ pid: Int32, executable: String) {
        if installed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            atexit { ChildProcessReaper.killAll() }
        }
        let resolved = URL(fileURLWithPath: executable).resolvingSymlinksInPath().path
        running.withLock { $0[pid] = resolved }
    }

    static func exited(_ pid: Int32) {
        running.withLock { _ = $0.removeValue(forKey: pid) }
    }

    private static func killAll() {
        for (pid, executable) in running.withLock({ $0 }) {
            // Only a process still running our executable: a child that exited unnoticed may
            // have left its pid to an unrelated process.
            let current = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
            guard current == executable else { continue }
            kill(pid, SIGKILL)
        }
    }
}
