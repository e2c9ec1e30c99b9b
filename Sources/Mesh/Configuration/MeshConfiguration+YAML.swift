import Yams

extension MeshConfiguration {
    /// Parses `mesh.yaml` text. `path` only names the file in error messages.
    public init(yaml: String, path: String = "mesh.yaml") throws(Error) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw Error.invalid(path: path, line: nil, field: "services", reason: "the file is empty")
            }
            root = node
        } catch let error as Error {
            throw error
        } catch {
            throw Error.syntax(path: path, reason: "\(error)")
        }
        let document = YAMLField(node: root, field: "", path: path)
        var supervision = SupervisionPolicy()
        var services: [ServiceDefinition] = []
        var servicesField: YAMLField?
        for (key, value) in try document.entries(allowedKeys: ["supervision", "services"]) {
            switch key {
            case "supervision": supervision = try Self.supervision(from: value)
            default:
                servicesField = value
                for (name, service) in try value.entries() {
                    services.append(try Self.service(named: name, from: service))
                }
            }
        }
        guard servicesField != nil else {
            throw Error.invalid(path: path, line: nil, field: "services", reason: "missing: the file must list the services to run")
        }
        do {
            try self.init(services: services, supervision: supervision, path: path)
        } catch {
            // Point the message at the line of the field it names.
            guard case .invalid(_, nil, let field, let reason) = error, let line = servicesField.flatMap({ Self.line(of: field, in: $0) })
            else {
                throw error
            }
            throw Error.invalid(path: path, line: line, field: field, reason: reason)
        }
    }

    private static let serviceKeys: Set<String> = [
        "executable", "args", "environment", "depends_on", "health", "restart", "start_timeout",
        "stop_grace_period", "enabled_if",
    ]

    private static func service(named name: String, from field: YAMLField) throws(Error) -> ServiceDefinition {
        var service = ServiceDefinition(name: name)
        if field.isNull { return service }
        for (key, value) in try field.entries(allowedKeys: serviceKeys) {
            switch key {
            case "executable": service.executable = try value.string()
            case "args": service.arguments = try value.strings()
            case "environment": service.environment = try value.stringMap()
            case "depends_on": service.dependsOn = try value.strings()
            case "health": service.health = try healthCheck(from: value)
            case "restart":
                let text = try value.string()
                guard let policy = RestartPolicy(rawValue: text) else {
                    throw value.error("expected always, on-failure or no, got '\(text)'")
                }
                service.restart = policy
            case "start_timeout": service.startTimeout = try value.duration()
            case "stop_grace_period": service.stopGracePeriod = try value.duration()
            default: service.enabledIf = try value.string()
            }
        }
        return service
    }

    private static func healthCheck(from field: YAMLField) throws(Error) -> HealthCheck? {
        if field.isNull { return nil }
        let entries = try field.entries(allowedKeys: ["wire", "http"])
        guard entries.count == 1, let (kind, value) = entries.first else {
            throw field.error("expected exactly one of `wire: <socket file>` or `http: <path>`")
        }
        let target = try value.string()
        if kind == "wire" {
            guard !target.isEmpty, !target.contains("/") else {
                throw value.error("expected a socket file name in MESH_RUN_DIR, e.g. users.sock, got '\(target)'")
            }
            return .wire(socket: target)
        }
        guard target.hasPrefix("/") else { throw value.error("expected a URL path starting with /, got '\(target)'") }
        return .http(path: target)
    }

    private static func supervision(from field: YAMLField) throws(Error) -> SupervisionPolicy {
        var policy = SupervisionPolicy()
        if field.isNull { return policy }
        let keys: Set<String> = [
            "backoff_initial", "backoff_max", "crash_loop_failures", "crash_loop_window", "health_interval",
            "health_timeout", "health_failures", "log_lines",
        ]
        for (key, value) in try field.entries(allowedKeys: keys) {
            switch key {
            case "backoff_initial": policy.backoffInitial = try value.duration()
            case "backoff_max": policy.backoffMax = try value.duration()
            case "crash_loop_failures": policy.crashLoopFailures = try value.int(in: 1...1000)
            case "crash_loop_window": policy.crashLoopWindow = try value.duration()
            case "health_interval": policy.healthInterval = try value.duration()
            case "health_timeout": policy.healthTimeout = try value.duration()
            case "health_failures": policy.healthFailures = try value.int(in: 1...1000)
            default: policy.logLines = try value.int(in: 1...1_000_000)
            }
        }
        return policy
    }

    /// The line of `services.<name>[.<key>]` in the `services` mapping, for validation errors.
    private static func line(of field: String, in services: YAMLField) -> Int? {
        let parts = field.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count >= 2, let service = try? services.entries().first(where: { $0.key == parts[1] })?.value else {
            return services.line
        }
        guard parts.count == 3, let value = try? service.entries().first(where: { $0.key == parts[2] })?.value else {
            return service.line
        }
        return value.line
    }
}
