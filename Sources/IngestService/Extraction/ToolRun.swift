import Foundation

/// Runs a command-line tool to completion with a time limit, its output going to files (so a
/// chatty tool can never block on a full pipe). On timeout the tool is terminated.
enum ToolRun {
    enum Outcome: Equatable {
        case exited(status: Int32)
        case timedOut
    }

    static func run(executablePath: String, arguments: [String], standardErrorPath: String, timeout: Duration) async throws -> Outcome {
        guard FileManager.default.createFile(atPath: standardErrorPath, contents: nil),
            let standardError = FileHandle(forWritingAtPath: standardErrorPath)
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? standardError.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = standardError
        let (exits, exited) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try process.run()
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in exits { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            return .timedOut
        }
        return .exited(status: status)
    }
}
