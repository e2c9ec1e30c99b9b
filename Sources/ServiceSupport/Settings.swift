import Foundation

/// The settings a process starts with: the repository's `.env`, overridden by real
/// environment variables. Typed getters fail with a `ConfigurationError` naming the variable.
public struct Settings: Sendable {
    public private(set) var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// `.env` (at `$MESH_ENV_FILE`, default `./.env`) overlaid with the process environment.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Settings {
        let path = environment["MESH_ENV_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? ".env"
        let fromFile: [String: String]
        do {
            fromFile = try DotEnvFile.load(path: path)
        } catch let error as DotEnvFile.SyntaxError {
            throw ConfigurationError.unreadableFile(path: path, reason: error.description)
        } catch {
            throw ConfigurationError.unreadableFile(path: path, reason: "\(error)")
        }
        return Settings(fromFile.merging(environment) { _, environment in environment })
    }

    /// A copy with `overrides` on top; tests use it to vary one setting.
    public func with(_ overrides: [String: String]) -> Settings {
        Settings(values.merging(overrides) { _, new in new })
    }

    /// The value, or nil when unset or empty.
    public subscript(_ variable: String) -> String? {
        guard let value = values[variable], !value.isEmpty else { return nil }
        return value
    }

    public func string(_ variable: String, default defaultValue: String) -> String {
        self[variable] ?? defaultValue
    }

    public func required(_ variable: String, meaning: String) throws(ConfigurationError) -> String {
        guard let value = self[variable] else { throw .missing(variable: variable, meaning: meaning) }
        return value
    }

    public func int(_ variable: String, default defaultValue: Int, range: ClosedRange<Int> = Int.min...Int.max) throws(ConfigurationError) -> Int {
        guard let raw = self[variable] else { return defaultValue }
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw .invalid(variable: variable, value: raw, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func bool(_ variable: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let raw = self[variable] else { return defaultValue }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .invalid(variable: variable, value: raw, expected: "true or false")
        }
    }

    /// A duration given in milliseconds, e.g. `WIRE_TIMEOUT_MS=5000`.
    public func milliseconds(_ variable: String, default defaultValue: Duration, range: ClosedRange<Int> = 1...86_400_000) throws(ConfigurationError) -> Duration {
        guard self[variable] != nil else { return defaultValue }
        return .milliseconds(try int(variable, default: 0, range: range))
    }

    /// One of a fixed set of words, e.g. `ACCESS_MODE=open|allowlist`.
    public func choice<Choice: RawRepresentable & CaseIterable>(_ variable: String, default defaultValue: Choice) throws(ConfigurationError) -> Choice where Choice.RawValue == String {
        guard let raw = self[variable] else { return defaultValue }
        guard let value = Choice(rawValue: raw.lowercased()) else {
            throw .invalid(variable: variable, value: raw, expected: Choice.allCases.map(\.rawValue).joined(separator: " or "))
        }
        return value
    }

    /// A comma-separated list of integers, e.g. `ADMIN_TELEGRAM_IDS=1,2,3`.
    public func int64List(_ variable: String) throws(ConfigurationError) -> [Int64] {
        guard let raw = self[variable] else { return [] }
        var result: [Int64] = []
        for part in raw.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let value = Int64(trimmed) else {
                throw .invalid(variable: variable, value: raw, expected: "comma-separated integers")
            }
            result.append(value)
        }
        return result
    }
}
