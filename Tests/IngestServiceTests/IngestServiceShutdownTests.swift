import Testing
import TestSupport

@Suite struct IngestServiceShutdownTests {
    @Test("a graceful stop logs no failure: the lease upkeep ends with the service instead of failing on a cancelled store")
    func quietGracefulStop() async throws {
        let mesh = try await ServiceMesh(["rag-core", "ingest-service"])
        // Long enough for the worker pool's upkeep loop to be asleep when the signal comes.
        try await Task.sleep(for: .milliseconds(300))
        let status = await mesh.processes["ingest-service"]?.stop()
        #expect(status == 0)
        let log = try #require(mesh.processes["ingest-service"]).logLines()
        #expect(log.contains { $0.contains("wire server stopped") })
        #expect(!log.contains { $0.contains(#""level":"error""#) }, "\(log.suffix(5))")
        await mesh.stop("rag-core")
    }
}
