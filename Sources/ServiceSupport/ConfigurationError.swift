/// A setting that is missing or unusable. The message names the variable, so whoever
/// starts the process knows what to fix.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case missing(variable: String, meaning: String)
    case invalid(variable: String, value: String, expected: String)
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let variable, let meaning):
            "missing required setting \(variable) (\(meaning)); set it in .env or the environment"
        case .invalid(let variable, let value, let expected):
            "invalid value for \(variable): '\(value)' (expected \(expected))"
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        }
    }
}
