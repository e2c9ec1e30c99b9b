import Foundation
import TestSupport
import Testing
import Wire
import Yams

@testable import Mesh

/// `compose/docker-compose.yml` runs the same mesh as `compose/mesh.yaml`: the same services,
/// dependencies, stop grace periods and health checks.
@Suite struct ComposeFileTests {
    @Test func composeMatchesTheMeshTable() throws {
        let root = BuildProducts.packageRoot
        let mesh = try MeshConfiguration.load(path: root + "/compose/mesh.yaml")
        let text = try String(contentsOfFile: root + "/compose/docker-compose.yml", encoding: .utf8)
        let compose = try #require(try Yams.load(yaml: text) as? [String: Any])
        let services = try #require(compose["services"] as? [String: [String: Any]])
        #expect(Set(services.keys) == Set(mesh.services.map(\.name)))
        for service in mesh.services {
            let container = try #require(services[service.name])
            let dependsOn = (container["depends_on"] as? [String: Any]).map { Set($0.keys) } ?? []
            #expect(dependsOn == Set(service.dependsOn), "depends_on of \(service.name)")
            #expect(container["command"] as? [String] == [service.executable] + service.arguments, "command of \(service.name)")
            #expect(container["restart"] as? String == "unless-stopped")
            #expect(container["stop_grace_period"] as? String == "\(service.stopGracePeriod.components.seconds)s", "stop_grace_period of \(service.name)")
            let healthTest = ((container["healthcheck"] as? [String: Any])?["test"] as? [String])?.joined(separator: " ")
            switch service.health {
            case .wire(let socket): #expect(healthTest == "CMD mesh probe --wire \(socket)", "health of \(service.name)")
            case .http(let path): #expect(healthTest?.hasSuffix(path) == true, "health of \(service.name)")
            case nil: #expect(healthTest == nil)
            }
            for dependency in service.dependsOn {
                let condition = ((container["depends_on"] as? [String: Any])?[dependency] as? [String: Any])?["condition"] as? String
                #expect(condition == "service_healthy", "\(service.name) waits for \(dependency)")
            }
        }
    }

    @Test("docker-compose validates the file, when it is installed")
    func dockerComposeConfig() throws {
        guard let compose = ["/usr/bin/docker-compose", "/usr/local/bin/docker-compose"].first(where: FileManager.default.isExecutableFile) else {
            return  // Nothing to validate with on this machine.
        }
        let directory = try TemporaryDirectory()
        let root = BuildProducts.packageRoot
        // The compose file reads ../.env; give it the example so validation does not depend on a local .env.
        try FileManager.default.createDirectory(atPath: directory.file("compose"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/compose/docker-compose.yml", toPath: directory.file("compose/docker-compose.yml"))
        try FileManager.default.copyItem(atPath: root + "/compose/.env.example", toPath: directory.file(".env"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: compose)
        process.arguments = ["-f", directory.file("compose/docker-compose.yml"), "config", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// `mesh probe`: what a container's health check runs.
@Suite struct ProbeCommandTests {
    @Test("exit 0 for a healthy service, 1 when nothing answers")
    func probe() async throws {
        let mesh = try await ServiceMesh(["users-service"])
        let environment = mesh.environment.merging(["MESH_ENV_FILE": "/nonexistent/.env"]) { $1 }
        let healthy = try ServiceProcess("mesh", arguments: ["probe", "--wire", "users.sock"], environment: environment, logDirectory: mesh.directory.path)
        #expect(await healthy.waitForExit(timeout: .seconds(10)) == 0)
        let absent = try ServiceProcess("mesh", arguments: ["probe", "--wire", "nothing.sock"], environment: environment, logDirectory: mesh.dataDirectory)
        #expect(await absent.waitForExit(timeout: .seconds(10)) == 1)
    }
}
