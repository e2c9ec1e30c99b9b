/// `ingest.get`: one task with its progress and failed items.
///
/// Params: `{"task_id":12}`. Result: `{"task":{…}}`. Errors: `not_found`.
public enum IngestGet: WireMethod {
    public static let name = "ingest.get"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var taskID: Int64

        public init(taskID: Int64) {
            self.taskID = taskID
        }

        enum CodingKeys: String, CodingKey {
            case taskID = "task_id"
        }
    }

    public typealias Result = IngestSubmit.Result
}
