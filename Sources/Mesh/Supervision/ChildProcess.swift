import Foundation
import ServiceSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One launched process of a service: its pid, its output pipe, a way to signal it, and
/// its exit, which any number of tasks can await.
///
/// Spawned with `posix_spawn` rather than Foundation's `Process`, whose exit detection on
/// Linux rests on a socket that a process spawned at the same moment may inherit. Here the
/// child gets stdin from /dev/null, stdout and stderr on one pipe, no other descriptor,
/// default signal handling (`mesh` itself ignores SIGTERM/SIGINT/SIGPIPE) and its own process
/// group, so a Ctrl-C at the terminal reaches only `mesh`, which stops the services in order.
final class ChildProcess: Sendable {
    /// Why a process could not be launched.
    enum Error: Swift.Error, CustomStringConvertible {
        case notExecutable(path: String)
        case pipe(errno: Int32)
        case spawn(path: String, errno: Int32)

        var description: String {
            switch self {
            case .notExecutable(let path): "no executable at \(path)"
            case .pipe(let errno): "cannot create an output pipe: \(String(cString: strerror(errno)))"
            case .spawn(let path, let errno): "cannot start \(path): \(String(cString: strerror(errno)))"
            }
        }
    }

    let pid: pid_t
    let launchedAt: ContinuousClock.Instant
    /// Stdout and stderr of the process, merged into one pipe.
    let output: ChildOutput
    private let exit: ProcessExit

    private init(pid: pid_t, output: ChildOutput) {
        self.pid = pid
        self.launchedAt = .now
        self.output = output
        self.exit = ProcessExit()
    }

    /// Starts `executable` with exactly `environment`, in the current directory.
    static func launch(executable: String, arguments: [String], environment: [String: String]) throws(Error) -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw .notExecutable(path: executable) }
        let (readEnd, writeEnd) = try outputPipe()
        let pid: pid_t
        do {
            pid = try Spawn.run(
                executable: executable,
                arguments: [executable] + arguments,
                // The child stops by itself if this supervisor dies without stopping it.
                environment: environment.merging([SupervisorWatch.variable: "\(getpid())"]) { _, own in own }.map { "\($0.key)=\($0.value)" },
                output: writeEnd
            )
        } catch {
            close(readEnd)
            close(writeEnd)
            throw .spawn(path: executable, errno: error.errno)
        }
        // Only the child writes; once it (and anything it started) is gone the reader sees end of file.
        close(writeEnd)
        let child = ChildProcess(pid: pid, output: ChildOutput(descriptor: readEnd))
        child.startReaper()
        return child
    }

    /// Why the process ended, once it has.
    var exitReason: ExitReason? { exit.reason }

    var isRunning: Bool { exit.reason == nil }

    /// Waits for the exit; nil when the waiting task is cancelled first.
    func waitForExit() async -> ExitReason? {
        await exit.wait()
    }

    /// Waits at most `timeout` for the exit; nil when the process still runs.
    func waitForExit(timeout: Duration) async -> ExitReason? {
        await exit.wait(timeout: timeout)
    }

    /// Sends `signal` to the process, unless it has already exited (its pid may be reused).
    func send(_ signal: Int32) {
        guard isRunning else { return }
        kill(pid, signal)
    }

    /// SIGKILL to the process and everything in its process group (helpers it started).
    func killGroup() {
        guard isRunning else { return }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    /// SIGTERM, then SIGKILL if it is still running after `gracePeriod`. Returns how it ended
    /// (nil only if the waiting task is cancelled).
    @discardableResult
    func terminate(gracePeriod: Duration) async -> ExitReason? {
        send(SIGTERM)
        if let reason = await waitForExit(timeout: gracePeriod) { return reason }
        killGroup()
        return await waitForExit()
    }

    /// `waitpid` blocks, so it gets a thread of its own rather than a thread of the
    /// concurrency pool; the thread ends with the process, which it also reaps.
    private func startReaper() {
        let (pid, exit) = (self.pid, self.exit)
        Thread.detachNewThread {
            var status: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(pid, &status, 0)
            } while result == -1 && errno == EINTR
            guard result == pid else {
                // Someone else reaped it; it is gone, how is unknown.
                exit.finish(.exited(status: -1))
                return
            }
            let signal = status & 0x7f
            exit.finish(signal == 0 ? .exited(status: (status >> 8) & 0xff) : .signaled(signal))
        }
    }

    private static func outputPipe() throws(Error) -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw .pipe(errno: errno) }
        // Children spawned here close every other descriptor anyway; close-on-exec keeps the
        // ends out of processes started elsewhere in this process too.
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        return (descriptors[0], descriptors[1])
    }
}
