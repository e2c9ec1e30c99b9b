import Foundation

/// A gateway error envelope, read into what the bot must tell the person. Decoded once here;
/// the conversation turns it into a catalog message and never shows the envelope's text.
public enum GatewayFailure: Error, Sendable, Equatable {
    /// 429: try again after this many seconds.
    case rateLimited(retryAfter: Int)
    /// 403 `pending`: registered, waiting for an admin.
    case pending
    /// 403 `blocked`.
    case blocked
    /// 403 `unknown`: never registered; `/start` first.
    case unknownUser
    /// 403 `role_too_low` (or any other refusal).
    case forbidden
    /// 404.
    case notFound
    /// 409, e.g. the last admin cannot be demoted.
    case conflict
    /// 413.
    case tooLarge
    /// 400/422: the request was refused as malformed; `message` is for the log only.
    case invalid(message: String)
    /// 503/504/500 or no answer at all.
    case unavailable
    /// Anything else, by envelope code.
    case other(code: String)

    struct Envelope: Decodable {
        struct Body: Decodable {
            var code: String
            var message: String?
            var details: Details?
        }
        struct Details: Decodable {
            var reason: String?
            var retryAfter: Int?
            enum CodingKeys: String, CodingKey {
                case reason
                case retryAfter = "retry_after"
            }
        }
        var error: Body
    }

    /// Classifies a non-2xx answer by its envelope, falling back on the status.
    public init(status: Int, envelope: [UInt8], retryAfterHeader: String? = nil) {
        let body = try? JSONDecoder().decode(Envelope.self, from: Data(envelope)).error
        switch (body?.code, status) {
        case ("rate_limited", _), (nil, 429):
            self = .rateLimited(retryAfter: max(1, body?.details?.retryAfter ?? retryAfterHeader.flatMap { Int($0) } ?? 1))
        case ("forbidden", _), (nil, 403):
            switch body?.details?.reason {
            case "pending": self = .pending
            case "blocked": self = .blocked
            case "unknown": self = .unknownUser
            default: self = .forbidden
            }
        case ("not_found", _), (nil, 404): self = .notFound
        case ("conflict", _), (nil, 409): self = .conflict
        case ("too_large", _), (nil, 413): self = .tooLarge
        case ("bad_request", _), ("unprocessable", _), (nil, 400), (nil, 422): self = .invalid(message: body?.message ?? "")
        case ("unavailable", _), ("deadline_exceeded", _), ("internal", _), (nil, 500...599): self = .unavailable
        case (let code?, _): self = .other(code: code)
        case (nil, _): self = .other(code: String(status))
        }
    }
}
