import Wire

/// The body of every non-2xx answer: `{"error":{"code","message","correlation_id","details"}}`.
struct ErrorEnvelope: Codable, Sendable {
    struct Body: Codable, Sendable {
        var code: String
        var message: String
        var correlationID: String
        var details: [String: JSONValue]?

        enum CodingKeys: String, CodingKey {
            case code, message, details
            case correlationID = "correlation_id"
        }
    }

    var error: Body
}
