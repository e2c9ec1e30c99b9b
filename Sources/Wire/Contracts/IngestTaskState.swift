/// Where an ingestion task is in its life: `queued` → `running` → `succeeded` | `failed` |
/// `cancelled`. A retried task goes back to `queued`.
public enum IngestTaskState: String, Codable, Sendable, CaseIterable {
    case queued, running, succeeded, failed, cancelled

    /// Whether the task has ended; an ended task changes only through `ingest.retry`.
    public var isFinished: Bool {
        switch self {
        case .queued, .running: false
        case .succeeded, .failed, .cancelled: true
        }
    }
}
