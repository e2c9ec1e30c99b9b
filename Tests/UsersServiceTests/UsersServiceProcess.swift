import Foundation
import TestSupport
import Wire

/// The real `users-service` executable on a temporary run and data directory, and a Wire
/// client on its socket. Restarting keeps the data directory.
final class UsersServiceProcess {
    let folder: TemporaryDirectory
    let environment: [String: String]
    private(set) var process: ServiceProcess
    let client: WireClient

    init(settings: [String: String] = [:]) async throws {
        folder = try TemporaryDirectory(prefix: "users-e2e")
        environment = settings.merging(["MESH_RUN_DIR": folder.file("run"), "MESH_DATA_DIR": folder.file("data")]) { _, layout in layout }
        process = try ServiceProcess("users-service", environment: environment, logDirectory: folder.path)
        client = WireClient(configuration: .init(socketPath: folder.file("run/users.sock"), serviceName: "users-service"))
        guard await client.waitUntilHealthy() else { throw StartFailure(log: process.logLines()) }
    }

    /// Stops the process with SIGTERM and starts a new one on the same directories.
    /// Returns the old process's exit status.
    func restart() async throws -> Int32? {
        let status = await process.stop()
        let log = folder.file("restarted")
        try FileManager.default.createDirectory(atPath: log, withIntermediateDirectories: true)
        process = try ServiceProcess("users-service", environment: environment, logDirectory: log)
        guard await client.waitUntilHealthy() else { throw StartFailure(log: process.logLines()) }
        return status
    }

    func call<Method: WireMethod>(_ method: Method.Type, _ params: Method.Params, as telegramID: Int64? = nil) async throws -> Method.Result
    {
        try await client.call(method, params, WireContext(correlationID: "users-e2e", telegramID: telegramID))
    }

    /// The error a call answers with; nil when it succeeds.
    func error<Method: WireMethod>(_ method: Method.Type, _ params: Method.Params, as telegramID: Int64? = nil) async -> WireError? {
        do {
            _ = try await call(method, params, as: telegramID)
            return nil
        } catch let error as WireError {
            return error
        } catch {
            return WireError(.internal, "not a WireError: \(error)")
        }
    }

    /// Sends `request` (a whole Wire request object) as is and returns the parsed answer,
    /// for parameters no typed client would send.
    func raw(_ request: String) async throws -> [String: Any]? {
        let socket = try RawSocket(path: folder.file("run/users.sock"))
        try await socket.sendFrame(request)
        return await socket.readJSON()
    }

    func stop() async -> Int32? {
        await client.close()
        return await process.stop()
    }

    struct StartFailure: Error, CustomStringConvertible {
        var log: [String]
        var description: String { "users-service did not become healthy:\n\(log.joined(separator: "\n"))" }
    }
}
