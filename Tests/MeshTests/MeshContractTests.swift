import Foundation
import Testing
import Wire

/// The control socket's contracts as they look on the wire: snake_case, optional fields left out.
@Suite struct MeshContractTests {
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("mesh.status rows")
    func status() throws {
        let row = MeshStatus.Service(
            name: "users-service", state: .running, pid: 42, uptimeSeconds: 1.5, restarts: 1, health: "ok", lastExit: "exit 0"
        )
        #expect(
            try Self.json(MeshStatus.Result(services: [row]))
                == #"{"services":[{"health":"ok","last_exit":"exit 0","name":"users-service","pid":42,"restarts":1,"state":"running","uptime_seconds":1.5}]}"#
        )
        let decoded = try JSONDecoder().decode(
            MeshStatus.Service.self, from: Data(#"{"name":"bot-edge","state":"disabled","restarts":0,"health":"-","note":"x"}"#.utf8)
        )
        #expect(decoded == MeshStatus.Service(name: "bot-edge", state: .disabled, health: "-", note: "x"))
        #expect(MeshStatus.name == "mesh.status" && MeshStatus.isIdempotent)
    }

    @Test("mesh.restart, mesh.stop and mesh.logs")
    func otherMethods() throws {
        #expect(try Self.json(MeshRestart.Params(service: "rag-core")) == #"{"service":"rag-core"}"#)
        #expect(
            try Self.json(MeshRestart.Result(service: "rag-core", pid: 7, restarts: 2)) == #"{"pid":7,"restarts":2,"service":"rag-core"}"#)
        #expect(!MeshRestart.isIdempotent, "a restart is not repeated across a reconnect")
        #expect(try Self.json(MeshStop.Result(stopping: ["gateway", "users-service"])) == #"{"stopping":["gateway","users-service"]}"#)
        #expect(try Self.json(MeshLogs.Params(service: "gateway", lines: 5, after: 10)) == #"{"after":10,"lines":5,"service":"gateway"}"#)
        #expect(
            try Self.json(MeshLogs.Result(service: "gateway", lines: ["a"], lastSequence: 11))
                == #"{"last_sequence":11,"lines":["a"],"service":"gateway"}"#
        )
        #expect(
            [MeshStatus.name, MeshRestart.name, MeshStop.name, MeshLogs.name] == ["mesh.status", "mesh.restart", "mesh.stop", "mesh.logs"])
    }
}
