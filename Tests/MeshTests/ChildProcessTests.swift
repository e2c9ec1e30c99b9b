import Foundation
import Synchronization
import Testing

@testable import Mesh

/// Launching a service process: what it inherits, how its output and exit come back.
@Suite struct ChildProcessTests {
    /// Runs `script` with /bin/sh to its end; its output lines and how it ended.
    static func run(_ script: String, environment: [String: String] = [:]) async throws -> (lines: [String], exit: ExitReason?) {
        let child = try ChildProcess.launch(executable: "/bin/sh", arguments: ["-c", script], environment: environment)
        let lines = Mutex<[String]>([])
        await child.output.forwardLines { line in lines.withLock { $0.append(line) } }
        return (lines.withLock { $0 }, await child.waitForExit(timeout: .seconds(10)))
    }

    @Test("the child gets /dev/null, one pipe for stdout and stderr, and nothing else this process has open")
    func descriptors() async throws {
        // Something open in this process that must not leak into a child.
        let leak = open("/dev/zero", O_RDONLY)
        defer { close(leak) }
        let (lines, exit) = try await Self.run(
            "ls -l /proc/$$/fd | awk 'NR>1 {print $9, $11}'; echo to-stderr >&2", environment: ["PATH": "/usr/bin:/bin"]
        )
        #expect(exit == .exited(status: 0))
        let targets = Dictionary(
            lines.compactMap { line -> (String, String)? in
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }
        ) { first, _ in first }
        #expect(targets["0"] == "/dev/null", "\(lines)")
        #expect(targets["1"]?.hasPrefix("pipe:") == true && targets["1"] == targets["2"], "\(lines)")
        #expect(!targets.values.contains("/dev/zero"), "\(lines)")
        #expect(!targets.values.contains { $0.hasPrefix("socket:") }, "\(lines)")
        #expect(lines.contains("to-stderr"))
    }

    @Test("the child has default signal handling and a process group of its own")
    func signalsAndProcessGroup() async throws {
        // Ignored here, as `mesh up` ignores it; the child must not inherit that.
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        // `exec`: the shell itself blocks signals while it waits for a command.
        let (lines, _) = try await Self.run("exec grep -E '^Sig(Ign|Blk)' /proc/self/status", environment: ["PATH": "/usr/bin:/bin"])
        // No signal is blocked, and none that stops or hangs up a service is ignored, though
        // `mesh` itself ignores SIGTERM, SIGINT, SIGHUP and SIGPIPE to handle them in order.
        #expect(lines.contains("SigBlk:\t0000000000000000"), "\(lines)")
        let ignored = try #require(lines.first { $0.hasPrefix("SigIgn:") }.flatMap { UInt64($0.dropFirst("SigIgn:\t".count), radix: 16) })
        for signal in [SIGHUP, SIGINT, SIGPIPE, SIGTERM] {
            #expect(ignored & (1 << UInt64(signal - 1)) == 0, "signal \(signal) ignored: \(lines)")
        }
        let ids = try await Self.run("exec ps -o pid=,pgid= -p $$", environment: ["PATH": "/usr/bin:/bin"]).lines.first?.split(
            separator: " ")
        #expect(ids?.count == 2 && ids?.first == ids?.last, "\(ids ?? [])")
    }

    @Test("exit status and signal come back as the exit reason")
    func exitReasons() async throws {
        #expect(try await Self.run("exit 3").exit == .exited(status: 3))
        #expect(try await Self.run("kill -9 $$").exit == .signaled(SIGKILL))
        let child = try ChildProcess.launch(
            executable: "/bin/sh", arguments: ["-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        let ready = AsyncStream.makeStream(of: Void.self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await child.output.forwardLines { line in
                    if line == "ready" { ready.continuation.yield() }
                }
            }
            for await _ in ready.stream { break }
            #expect(
                await child.terminate(gracePeriod: .milliseconds(200)) == .signaled(SIGKILL),
                "SIGTERM ignored: killed after the grace period")
        }
        #expect(!child.isRunning)
    }

    @Test("an executable that does not exist is a launch error naming it")
    func missingExecutable() {
        #expect(throws: ChildProcess.Error.self) {
            try ChildProcess.launch(executable: "/nonexistent/users-service", arguments: [], environment: [:])
        }
    }
}
