/// `ingest.retry`: queues a failed or cancelled task again. It resumes after the items it
/// already finished; failed items are tried again.
///
/// Params: `{"task_id":12}`. Result: `{"task":{…}}`, queued.
/// Errors: `not_found`; `conflict` when the task is queued, running or succeeded, or when
/// its uploaded file is gone (upload it again).
public enum IngestRetry: WireMethod {
    public static let name = "ingest.retry"

    public typealias Params = IngestGet.Params
    public typealias Result = IngestSubmit.Result
}
