import Foundation
import Testing
import TestSupport
import Wire

/// Golden fixtures, checked against the shared contract types and replayed against the real
/// executables over their sockets.
@Suite struct ContractTests {
    /// Every method that has a contract type; a fixture for a method missing here fails.
    static let methods: [String: any WireMethod.Type] = [
        SysHealth.name: SysHealth.self,
        SysInfo.name: SysInfo.self,
        UsersRegister.name: UsersRegister.self,
        UsersGet.name: UsersGet.self,
        UsersList.name: UsersList.self,
        UsersUpdate.name: UsersUpdate.self,
        UsersDelete.name: UsersDelete.self,
        UsersAuthorize.name: UsersAuthorize.self,
        UsersStats.name: UsersStats.self,
        UsersAudit.name: UsersAudit.self,
        KBCreate.name: KBCreate.self,
        KBGet.name: KBGet.self,
        KBList.name: KBList.self,
        KBUpdate.name: KBUpdate.self,
        KBDelete.name: KBDelete.self,
        DocsList.name: DocsList.self,
        SourcesList.name: SourcesList.self,
        RAGPutDocument.name: RAGPutDocument.self,
        RAGPutText.name: RAGPutText.self,
        RAGDeleteDocument.name: RAGDeleteDocument.self,
        RAGQuery.name: RAGQuery.self,
        RAGFeedback.name: RAGFeedback.self,
        LogsList.name: LogsList.self,
        IngestSubmit.name: IngestSubmit.self,
        IngestGet.name: IngestGet.self,
        IngestList.name: IngestList.self,
        IngestCancel.name: IngestCancel.self,
        IngestRetry.name: IngestRetry.self,
    ]

    @Test("every contract type has a fixture")
    func everyMethodHasAFixture() throws {
        let covered = Set(try ContractFixture.all().map(\.method))
        #expect(Set(Self.methods.keys).subtracting(covered).isEmpty, "methods without a fixture")
    }

    @Test("decode then encode is stable", arguments: try ContractFixture.all())
    func roundTrip(_ fixture: ContractFixture) throws {
        let method = try #require(Self.methods[fixture.method], "no contract type for \(fixture.method)")
        #expect(fixture.request[path: "method"] == .string(fixture.method))
        let params = try #require(fixture.request[path: "params"])
        let result = try #require(fixture.response[path: "result"])
        #expect(try Self.reencode(params, as: method.paramsType) == params)
        #expect(try Self.reencode(result, as: method.resultType) == result)
    }

    @Test("replayed against the real executable", arguments: try ContractFixture.all())
    func replay(_ fixture: ContractFixture) async throws {
        let directory = try TemporaryDirectory()
        let runDirectory = directory.file("run")
        let process = try ServiceProcess(
            fixture.replayExecutable,
            environment: ["MESH_RUN_DIR": runDirectory, "MESH_DATA_DIR": directory.file("data")],
            logDirectory: directory.path
        )
        let socketPath = (runDirectory as NSString).appendingPathComponent(fixture.replaySocket)
        let client = WireClient(configuration: .init(socketPath: socketPath, serviceName: fixture.replayExecutable))
        #expect(await client.waitUntilHealthy(), "\(fixture.replayExecutable) did not become healthy")
        await client.close()

        let socket = try RawSocket(path: socketPath)
        try await fixture.sendSetup(on: socket)
        try await socket.send(RawSocket.frame(Array(try JSONEncoder().encode(fixture.request))))
        let payload = try #require(await socket.readFrame())
        let answer = try JSONDecoder().decode(JSONValue.self, from: Data(payload))
        for path in fixture.ignoredPaths {
            #expect(answer[path: path] != nil, "\(path) missing from the answer")
        }
        #expect(answer.blanking(fixture.ignoredPaths) == fixture.response.blanking(fixture.ignoredPaths))
        #expect(await process.stop() == 0)
    }

    private static func reencode<Value: Codable>(_ json: JSONValue, as type: Value.Type) throws -> JSONValue {
        let decoded = try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(json))
        return try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(decoded))
    }
}

extension WireMethod {
    static var paramsType: Params.Type { Params.self }
    static var resultType: Result.Type { Result.self }
}
