import Logging
import Wire

/// The control socket's methods, answered by the supervisor: `mesh.status`, `mesh.restart`,
/// `mesh.stop` and `mesh.logs`. This is the one place supervisor errors become `WireError`s.
public enum MeshControl {
    /// How many lines `mesh.logs` returns when the request does not say.
    public static let defaultLogLines = 100

    /// The handler table a `WireServer` on the control socket serves.
    public static func handlers(for supervisor: MeshSupervisor) -> WireHandlerTable {
        var table = WireHandlerTable()
        table.register(MeshStatus.self) { _, _ in
            MeshStatus.Result(services: await supervisor.status())
        }
        table.register(MeshRestart.self) { params, call in
            call.logger.info("restart requested over the control socket", metadata: ["name": "\(params.service)"])
            do throws(MeshSupervisor.Error) {
                return try await supervisor.restart(params.service)
            } catch {
                throw wireError(error)
            }
        }
        table.register(MeshStop.self) { _, call in
            call.logger.info("stop requested over the control socket")
            let order = await supervisor.stopOrder
            supervisor.requestStop()
            return MeshStop.Result(stopping: order)
        }
        table.register(MeshLogs.self) { params, _ in
            let lines = params.lines ?? defaultLogLines
            guard lines >= 0 else {
                throw WireError.badRequest("lines must not be negative", details: ["field": "params.lines"])
            }
            do throws(MeshSupervisor.Error) {
                return try await supervisor.logs(of: params.service, lines: lines, after: params.after ?? 0)
            } catch {
                throw wireError(error)
            }
        }
        return table
    }

    static func wireError(_ error: MeshSupervisor.Error) -> WireError {
        switch error {
        case .unknownService(let name):
            WireError.notFound(error.description, details: ["service": .string(name)])
        case .disabled(let name, _):
            WireError.conflict(error.description, details: ["service": .string(name)])
        case .stopping:
            WireError.unavailable(error.description)
        case .didNotComeBack(let name, _), .startFailed(let name, _, _):
            WireError.unavailable(error.description, details: ["service": .string(name)])
        }
    }
}
