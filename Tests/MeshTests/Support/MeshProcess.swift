import Foundation
import Synchronization
import TestSupport

/// The real `mesh` executable, started by a test with exactly the given environment; its
/// stdout and stderr kept in files.
final class MeshProcess {
    let stdoutPath: String
    let stderrPath: String
    private let process = Process()

    private static let spawning = Mutex(())

    init(_ arguments: [String], environment: [String: String], directory: String, name: String = "mesh") throws {
        stdoutPath = (directory as NSString).appendingPathComponent("\(name).out")
        stderrPath = (directory as NSString).appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: BuildProducts.executable("mesh"))
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        // Foundation's Process notices an exit through a socket a process spawned at the same
        // moment could inherit; one spawn at a time keeps the tests' own launches apart.
        try Self.spawning.withLock { _ in try process.run() }
    }

    /// Runs `mesh <arguments>` to completion: its status, stdout and stderr.
    static func run(_ arguments: [String], environment: [String: String], directory: String, timeout: Duration = .seconds(30)) async throws
        -> (status: Int32?, stdout: String, stderr: String)
    {
        let name = "cli-\(UUID().uuidString.prefix(8))"
        let process = try MeshProcess(arguments, environment: environment, directory: directory, name: name)
        let status = await process.waitForExit(timeout: timeout)
        return (status, process.stdout, process.stderr)
    }

    var pid: Int32 { process.processIdentifier }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// The exit status, or nil if it still runs after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
