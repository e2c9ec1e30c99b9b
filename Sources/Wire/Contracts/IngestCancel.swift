/// `ingest.cancel`: stops a task. A queued task is cancelled at once; a running one stops
/// before its next item, keeping what it already indexed. Cancelling an ended task
/// changes nothing and answers it as it is.
///
/// Params: `{"task_id":12}`. Result: `{"task":{…}}`. Errors: `not_found`.
public enum IngestCancel: WireMethod {
    public static let name = "ingest.cancel"
    public static let isIdempotent = true

    public typealias Params = IngestGet.Params
    public typealias Result = IngestSubmit.Result
}
