/// `kb.delete`: deletes a knowledge base with its documents, chunks and index entries,
/// in one transaction.
///
/// Params: `{"id":1}`. Result: `{"knowledge_base":{…}}` as it was before deletion.
/// Errors: `not_found`.
public enum KBDelete: WireMethod {
    public static let name = "kb.delete"

    public typealias Params = KBGet.Params
    public typealias Result = KBCreate.Result
}
