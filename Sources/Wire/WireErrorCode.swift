/// The closed set of error codes a Wire response may carry.
///
/// Each code has exactly one HTTP status at the gateway, so a service decides what went
/// wrong and the gateway never has to guess.
public enum WireErrorCode: String, Codable, Sendable, CaseIterable {
    case badRequest = "bad_request"
    case unauthorized
    case forbidden
    case notFound = "not_found"
    /// Only the gateway answers this one: an HTTP route asked with a method it does not serve.
    case methodNotAllowed = "method_not_allowed"
    case conflict
    case tooLarge = "too_large"
    case unprocessable
    case rateLimited = "rate_limited"
    case `internal`
    case unavailable
    case deadlineExceeded = "deadline_exceeded"

    /// The HTTP status the gateway answers with for this code.
    public var httpStatus: Int {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .tooLarge: 413
        case .unprocessable: 422
        case .rateLimited: 429
        case .internal: 500
        case .unavailable: 503
        case .deadlineExceeded: 504
        }
    }
}
