import TestSupport
import Testing

@testable import Mesh

/// `mesh.yaml`: the project's own file, the defaults, start order, and errors that name the field.
@Suite struct MeshConfigurationTests {
    @Test("compose/mesh.yaml describes the five services, their dependencies and health checks")
    func projectFile() throws {
        let configuration = try MeshConfiguration.load(path: BuildProducts.packageRoot + "/compose/mesh.yaml")
        #expect(configuration.services.map(\.name) == ["users-service", "rag-core", "ingest-service", "gateway", "bot-edge"])
        #expect(configuration.service(named: "users-service")?.health == .wire(socket: "users.sock"))
        #expect(configuration.service(named: "rag-core")?.health == .wire(socket: "rag.sock"))
        #expect(configuration.service(named: "ingest-service")?.health == .wire(socket: "ingest.sock"))
        #expect(configuration.service(named: "ingest-service")?.dependsOn == ["rag-core"])
        #expect(configuration.service(named: "gateway")?.health == .http(path: "/api/v1/health"))
        #expect(Set(configuration.service(named: "gateway")?.dependsOn ?? []) == ["users-service", "rag-core", "ingest-service"])
        #expect(configuration.service(named: "bot-edge")?.dependsOn == ["gateway"])
        #expect(configuration.service(named: "bot-edge")?.enabledIf == "TELEGRAM_BOT_TOKEN")
        #expect(configuration.supervision.crashLoopFailures == 5)
        #expect(configuration.supervision.crashLoopWindow == .seconds(60))
        #expect(configuration.supervision.backoffMax == .seconds(5))
    }

    @Test("every field is read; omitted ones take their defaults")
    func fieldsAndDefaults() throws {
        let configuration = try MeshConfiguration(
            yaml: """
                services:
                  worker:
                    executable: /opt/bin/worker
                    args: [--fast, "two words"]
                    environment: { LOG_LEVEL: debug, EMPTY: }
                    restart: on-failure
                    start_timeout: 1.5s
                    stop_grace_period: 250ms
                  plain:
                """)
        let worker = try #require(configuration.service(named: "worker"))
        #expect(worker.executablePath(binDirectory: "/build") == "/opt/bin/worker")
        #expect(worker.arguments == ["--fast", "two words"])
        #expect(worker.environment == ["LOG_LEVEL": "debug", "EMPTY": ""])
        #expect(worker.restart == .onFailure)
        #expect(worker.startTimeout == .milliseconds(1500))
        #expect(worker.stopGracePeriod == .milliseconds(250))
        #expect(worker.health == nil)

        let plain = try #require(configuration.service(named: "plain"))
        #expect(plain.executablePath(binDirectory: "/build") == "/build/plain")
        #expect(plain.restart == .always)
        #expect(plain.startTimeout == .seconds(20))
        #expect(plain.stopGracePeriod == .seconds(10))
        #expect(configuration.supervision == SupervisionPolicy())
    }

    @Test("start order puts every service after its dependencies, otherwise keeps file order")
    func startOrder() throws {
        let configuration = try MeshConfiguration(
            yaml: """
                services:
                  bot: { depends_on: [gateway] }
                  gateway: { depends_on: [users, rag, ingest] }
                  ingest: { depends_on: [rag] }
                  users:
                  rag:
                """)
        let order = configuration.startOrder
        #expect(order == ["users", "rag", "ingest", "gateway", "bot"])
        for service in configuration.services {
            for dependency in service.dependsOn {
                #expect(order.firstIndex(of: dependency)! < order.firstIndex(of: service.name)!)
            }
        }
    }

    static let invalid: [(yaml: String, field: String, says: String)] = [
        ("services:\n  a:\n    restart: sometimes\n", "services.a.restart", "expected always, on-failure or no"),
        ("services:\n  a:\n    depend_on: [b]\n", "services.a.depend_on", "unknown field"),
        ("services:\n  a:\n    start_timeout: soon\n", "services.a.start_timeout", "expected a duration"),
        ("services:\n  a:\n    health: { tcp: 80 }\n", "services.a.health.tcp", "unknown field"),
        ("services:\n  a:\n    health: { wire: run/a.sock }\n", "services.a.health.wire", "socket file name"),
        ("services:\n  a:\n    health: { http: api }\n", "services.a.health.http", "starting with /"),
        ("services:\n  a:\n    depends_on: [ghost]\n", "services.a.depends_on", "unknown service 'ghost'"),
        ("services:\n  a: { depends_on: [b] }\n  b: { depends_on: [a] }\n", "services.a.depends_on", "dependency cycle: a -> b -> a"),
        ("services:\n  a:\n    args: { x: 1 }\n", "services.a.args", "expected a list"),
        ("supervision:\n  crash_loop_failures: many\nservices:\n  a:\n", "supervision.crash_loop_failures", "whole number"),
        ("supervision:\n  retries: 3\nservices:\n  a:\n", "supervision.retries", "unknown field"),
        ("services: []\n", "services", "expected a mapping"),
        ("service:\n  a:\n", "service", "unknown field"),
        ("supervision:\n", "services", "missing"),
    ]

    @Test("an invalid file fails with a message naming the field", arguments: invalid)
    func invalidField(yaml: String, field: String, says: String) {
        #expect {
            try MeshConfiguration(yaml: yaml, path: "mesh.yaml")
        } throws: { error in
            guard let error = error as? MeshConfiguration.Error else { return false }
            return error.field == field && error.description.contains(says) && error.description.contains("\(field): ")
        }
    }

    @Test("the line of the offending field is in the message")
    func lineNumbers() {
        let error = #expect(throws: MeshConfiguration.Error.self) {
            try MeshConfiguration(yaml: "services:\n  a:\n    restart: always\n  b:\n    depends_on: [ghost]\n", path: "mesh.yaml")
        }
        #expect(error?.description.hasPrefix("mesh.yaml:5: services.b.depends_on") == true)
    }

    @Test("text that is not YAML is a syntax error")
    func syntaxError() {
        let error = #expect(throws: MeshConfiguration.Error.self) {
            try MeshConfiguration(yaml: "services:\n  a: [\n", path: "mesh.yaml")
        }
        guard case .syntax = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
    }

    @Test(
        "durations: milliseconds, seconds, minutes, hours, bare seconds",
        arguments: [
            ("250ms", Duration.milliseconds(250)), ("5s", .seconds(5)), ("1.5s", .milliseconds(1500)), ("2m", .seconds(120)),
            ("1h", .seconds(3600)), ("3", .seconds(3)), ("0.1", .milliseconds(100)),
        ])
    func durations(text: String, expected: Duration) {
        #expect(YAMLField.parseDuration(text) == expected)
    }
}
