import IngestService
import ServiceSupport
import Testing

@Suite struct IngestServiceConfigurationTests {
    @Test("the ingest socket sits in the run directory")
    func socketPath() throws {
        let configuration = try IngestServiceConfiguration(settings: Settings(["MESH_RUN_DIR": "/tmp/x-run"]))
        #expect(configuration.layout.ingestSocket == "/tmp/x-run/ingest.sock")
    }
}
