import Foundation
import ServiceSupport
import Wire

/// How the `mesh` CLI talks to a running mesh: Wire calls on its control socket.
struct MeshControlClient {
    /// Why a command could not be carried out.
    enum Error: Swift.Error, CustomStringConvertible {
        /// Nothing answers on the control socket.
        case noMeshRunning(controlSocket: String)
        /// The mesh answered with an error.
        case refused(WireError)

        var description: String {
            switch self {
            case .noMeshRunning(let socket):
                "no mesh is running: nothing answers on \(socket) (start one with `mesh up`; MESH_RUN_DIR must match)"
            case .refused(let error):
                error.message
            }
        }
    }

    let controlSocket: String
    private let client: WireClient

    init(settings: Settings) {
        controlSocket = MeshLayout(settings: settings).meshControlSocket
        client = WireClient(configuration: .init(socketPath: controlSocket, serviceName: "mesh", poolSize: 1, connectTimeout: .seconds(2)))
    }

    /// Calls `method` on the mesh; a missing or dead socket reads as "no mesh is running".
    func call<Method: WireMethod>(_ method: Method.Type, _ params: Method.Params, timeout: Duration = .seconds(10)) async throws(Error)
        -> Method.Result
    {
        guard FileManager.default.fileExists(atPath: controlSocket) else { throw .noMeshRunning(controlSocket: controlSocket) }
        do {
            return try await client.call(method, params, .background("mesh-cli"), timeout: timeout)
        } catch  where Self.unreachable.contains(error.message) {
            throw .noMeshRunning(controlSocket: controlSocket)
        } catch {
            throw .refused(error)
        }
    }

    /// What `WireClient` says when it cannot reach (or loses) the peer it calls "mesh"; the
    /// mesh's own `unavailable` answers read differently.
    private static let unreachable: Set<String> = ["mesh is unavailable", "mesh closed the connection"]

    func close() async {
        await client.close()
    }
}
