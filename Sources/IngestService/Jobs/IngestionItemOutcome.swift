/// What became of one item of a task. `failed` items are tried again by a retry; the
/// others are final and skipped when a task resumes.
enum IngestionItemOutcome: String, Codable, Sendable {
    case indexed, unchanged, skipped, failed
}
