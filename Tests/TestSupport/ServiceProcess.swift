import Foundation
import Wire

/// One real mesh executable started by a test, its stderr (JSON log lines) kept in a file.
// Sendable: its only state is `Process`, whose operations may be called from any thread.
public final class ServiceProcess: @unchecked Sendable {
    public let name: String
    public let logPath: String
    private let process = Process()

    /// Starts `name` from the build folder with exactly `environment` (plus `PATH`), so no
    /// setting leaks in from the machine or a `.env` file.
    public init(_ name: String, arguments: [String] = [], environment: [String: String], logDirectory: String) throws {
        self.name = name
        self.logPath = (logDirectory as NSString).appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: BuildProducts.executable(name))
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["MESH_ENV_FILE"] = env["MESH_ENV_FILE"] ?? "/nonexistent/.env"
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: logDirectory)
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardError = log
        process.standardOutput = log
        try process.run()
        ChildProcessReaper.started(process.processIdentifier, executable: BuildProducts.executable(name))
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGTERM by default) and waits up to `timeout` for the process to exit.
    /// Returns its termination status, or nil if it is still running.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(10)) async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return await waitForExit(timeout: timeout)
    }

    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { return nil }
        ChildProcessReaper.exited(process.processIdentifier)
        return process.terminationStatus
    }

    /// Every line the process has logged so far.
    public func logLines() -> [String] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        ChildProcessReaper.exited(process.processIdentifier)
    }
}

extension WireClient {
    /// Polls `sys.health` until the service answers `ok`; false if it did not within `timeout`.
    public func waitUntilHealthy(timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let health = try? await call(SysHealth.self, WireEmpty(), .background("test-health"), timeout: .seconds(1)),
                health.status == "ok"
            {
                return true
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return false
    }
}
