/// `kb.get`: one knowledge base by id.
///
/// Params: `{"id":1}`. Result: `{"knowledge_base":{…}}`. Errors: `not_found`.
public enum KBGet: WireMethod {
    public static let name = "kb.get"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var id: Int64

        public init(id: Int64) {
            self.id = id
        }
    }

    public typealias Result = KBCreate.Result
}
