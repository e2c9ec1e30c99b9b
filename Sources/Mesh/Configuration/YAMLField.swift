import Foundation
import Yams

/// One node of `mesh.yaml` with its dotted field path, for typed reads whose errors say
/// which field is wrong and on which line.
struct YAMLField {
    let node: Node
    /// The dotted path, e.g. `services.gateway.restart`.
    let field: String
    /// The file, for messages.
    let path: String

    var line: Int? { node.mark?.line }

    var isNull: Bool {
        if case .scalar = node { return node.null != nil }
        return false
    }

    func error(_ reason: String) -> MeshConfiguration.Error {
        .invalid(path: path, line: line, field: field, reason: reason)
    }

    /// The entries of a mapping in file order; a key outside `allowedKeys` is an error.
    func entries(allowedKeys: Set<String>? = nil) throws(MeshConfiguration.Error) -> [(key: String, value: YAMLField)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines), got \(kind)") }
        var result: [(key: String, value: YAMLField)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw YAMLField(node: keyNode, field: field, path: path).error("keys must be plain words")
            }
            let key = scalar.string
            let child = YAMLField(node: valueNode, field: field.isEmpty ? key : "\(field).\(key)", path: path)
            if let allowedKeys, !allowedKeys.contains(key) {
                throw child.error("unknown field (expected one of: \(allowedKeys.sorted().joined(separator: ", ")))")
            }
            result.append((key, child))
        }
        return result
    }

    func string() throws(MeshConfiguration.Error) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected a text value, got \(kind)") }
        return scalar.string
    }

    /// A list of text values; a single value counts as a list of one.
    func strings() throws(MeshConfiguration.Error) -> [String] {
        switch node {
        case .sequence(let sequence):
            var values: [String] = []
            for (index, element) in sequence.enumerated() {
                values.append(try YAMLField(node: element, field: "\(field)[\(index)]", path: path).string())
            }
            return values
        case .scalar where isNull:
            return []
        case .scalar:
            return [try string()]
        default:
            throw error("expected a list, got \(kind)")
        }
    }

    /// A mapping of names to text values, as `environment:` is.
    func stringMap() throws(MeshConfiguration.Error) -> [String: String] {
        if isNull { return [:] }
        var values: [String: String] = [:]
        for (key, value) in try entries() {
            values[key] = value.isNull ? "" : try value.string()
        }
        return values
    }

    func int(in range: ClosedRange<Int>) throws(MeshConfiguration.Error) -> Int {
        let text = try string()
        guard let value = Int(text), range.contains(value) else {
            throw error("expected a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// `250ms`, `5s`, `1.5s`, `2m`, `1h`, or a bare number of seconds.
    func duration() throws(MeshConfiguration.Error) -> Duration {
        let text = try string()
        guard let duration = Self.parseDuration(text), duration >= .zero else {
            throw error("expected a duration like 500ms, 20s or 1m, got '\(text)'")
        }
        return duration
    }

    static func parseDuration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(suffix: String, milliseconds: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            // `5ms` also ends in `s`; only take the shorter suffix when a number remains.
            if let value = Double(number), value.isFinite {
                return .milliseconds(Int64((value * unit.milliseconds).rounded()))
            }
        }
        if let seconds = Double(trimmed), seconds.isFinite {
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return nil
    }

    private var kind: String {
        switch node {
        case .scalar: isNull ? "nothing" : "'\((try? string()) ?? "")'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
