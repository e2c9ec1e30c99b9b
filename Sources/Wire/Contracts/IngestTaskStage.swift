/// What a running task is doing right now, for progress displays.
public enum IngestTaskStage: String, Codable, Sendable, CaseIterable {
    case fetching, extracting, chunking, indexing
}
