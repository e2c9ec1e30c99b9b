import Foundation

/// The service table of the mesh, read from `compose/mesh.yaml`: which executables run,
/// what they depend on, how their health is checked, and how they are restarted.
public struct MeshConfiguration: Sendable, Equatable {
    /// The services in the order the file lists them.
    public var services: [ServiceDefinition]
    /// Backoff, crash-loop and health-check timing shared by every service.
    public var supervision: SupervisionPolicy

    /// Why a configuration cannot be used. Every message names the file position and the
    /// field, e.g. `mesh.yaml:14: services.gateway.restart: expected always, on-failure or no`.
    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        /// The file could not be read.
        case unreadable(path: String, reason: String)
        /// The text is not YAML.
        case syntax(path: String, reason: String)
        /// A field is missing, of the wrong kind, unknown, or refers to something that does not exist.
        case invalid(path: String, line: Int?, field: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                "cannot read \(path): \(reason)"
            case .syntax(let path, let reason):
                "\(path) is not valid YAML: \(reason)"
            case .invalid(let path, let line, let field, let reason):
                "\(path)\(line.map { ":\($0)" } ?? ""): \(field): \(reason)"
            }
        }

        /// The dotted path of the offending field, when the error is about one.
        public var field: String? {
            if case .invalid(_, _, let field, _) = self { return field }
            return nil
        }
    }

    /// Checks the table: names unique, dependencies known and free of cycles. `path` only
    /// names the file in messages.
    public init(services: [ServiceDefinition], supervision: SupervisionPolicy = SupervisionPolicy(), path: String = "mesh.yaml")
        throws(Error)
    {
        self.services = services
        self.supervision = supervision
        try Self.validate(services, path: path)
    }

    /// Reads and checks the file at `path`.
    public static func load(path: String) throws(Error) -> MeshConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try MeshConfiguration(yaml: text, path: path)
    }

    /// The service named `name`, if the table has one.
    public func service(named name: String) -> ServiceDefinition? {
        services.first { $0.name == name }
    }

    /// Every service after all of its dependencies; otherwise in file order.
    public var startOrder: [String] {
        var ordered: [String] = []
        var placed: Set<String> = []
        // Validation ruled out cycles and unknown names, so every pass places at least one.
        while ordered.count < services.count {
            for service in services where !placed.contains(service.name) && service.dependsOn.allSatisfy(placed.contains) {
                ordered.append(service.name)
                placed.insert(service.name)
            }
        }
        return ordered
    }

    private static func validate(_ services: [ServiceDefinition], path: String) throws(Error) {
        guard !services.isEmpty else {
            throw .invalid(path: path, line: nil, field: "services", reason: "at least one service is required")
        }
        var names: Set<String> = []
        for service in services {
            guard names.insert(service.name).inserted else {
                throw .invalid(path: path, line: nil, field: "services.\(service.name)", reason: "defined twice")
            }
        }
        for service in services {
            for dependency in service.dependsOn where !names.contains(dependency) {
                throw .invalid(
                    path: path, line: nil, field: "services.\(service.name).depends_on",
                    reason: "unknown service '\(dependency)' (known: \(services.map(\.name).joined(separator: ", ")))"
                )
            }
        }
        if let cycle = dependencyCycle(in: services) {
            throw .invalid(
                path: path, line: nil, field: "services.\(cycle[0]).depends_on",
                reason: "dependency cycle: \(cycle.joined(separator: " -> "))"
            )
        }
    }

    /// A chain `a -> b -> … -> a` if the dependencies loop, found by depth-first search.
    private static func dependencyCycle(in services: [ServiceDefinition]) -> [String]? {
        let dependencies = Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0.dependsOn) })
        var finished: Set<String> = []
        func visit(_ name: String, trail: [String]) -> [String]? {
            if let start = trail.firstIndex(of: name) { return Array(trail[start...]) + [name] }
            if finished.contains(name) { return nil }
            for dependency in dependencies[name] ?? [] {
                if let cycle = visit(dependency, trail: trail + [name]) { return cycle }
            }
            finished.insert(name)
            return nil
        }
        for service in services {
            if let cycle = visit(service.name, trail: []) { return cycle }
        }
        return nil
    }
}
