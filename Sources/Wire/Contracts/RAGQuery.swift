/// `rag.query`: answers a question from the knowledge bases, citing numbered sources.
///
/// Params: `{"question":"Как настроить сервер?","knowledge_base_ids":[1],"top_k":5,"language":"ru"}`;
/// `knowledge_base_ids` absent means every knowledge base; `top_k` is 1…50, default 5;
/// `language` (`ru`/`en`) is the language of the answer's own words, guessed from the
/// question when absent. The question is plain words: quotes, brackets and operators are
/// never a syntax error.
/// Result: `{"answer":"… [1]","answer_kind":"extractive","sources":[{…}],
/// "timings":{"retrieve_ms":0.4,"generate_ms":0.2},"log_id":42}`. Below the relevance
/// threshold `answer_kind` is `no_answer`, the answer says so, and `sources` are the
/// nearest chunks. `log_id` is the query-log entry, for `rag.feedback`.
/// Errors: `bad_request` for an empty question or `top_k` out of range; `not_found` for
/// an unknown knowledge base.
public enum RAGQuery: WireMethod {
    public static let name = "rag.query"
    public static let isIdempotent = true

    /// Sources when none is asked for.
    public static let defaultTopK = 5
    /// The `top_k` a caller may ask for.
    public static let topKRange = 1...50

    public struct Params: Codable, Sendable, Equatable {
        public var question: String
        public var knowledgeBaseIDs: [Int64]?
        public var topK: Int?
        public var language: String?

        public init(question: String, knowledgeBaseIDs: [Int64]? = nil, topK: Int? = nil, language: String? = nil) {
            self.question = question
            self.knowledgeBaseIDs = knowledgeBaseIDs
            self.topK = topK
            self.language = language
        }

        enum CodingKeys: String, CodingKey {
            case question, language
            case knowledgeBaseIDs = "knowledge_base_ids"
            case topK = "top_k"
        }
    }

    /// How long each stage took, in milliseconds.
    public struct Timings: Codable, Sendable, Equatable {
        public var retrieveMs: Double
        public var generateMs: Double

        public init(retrieveMs: Double, generateMs: Double) {
            self.retrieveMs = retrieveMs
            self.generateMs = generateMs
        }

        enum CodingKeys: String, CodingKey {
            case retrieveMs = "retrieve_ms"
            case generateMs = "generate_ms"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var answer: String
        public var answerKind: AnswerKind
        public var sources: [AnswerSource]
        public var timings: Timings
        /// The query-log entry of this answer.
        public var logID: Int64

        public init(answer: String, answerKind: AnswerKind, sources: [AnswerSource], timings: Timings, logID: Int64) {
            self.answer = answer
            self.answerKind = answerKind
            self.sources = sources
            self.timings = timings
            self.logID = logID
        }

        enum CodingKeys: String, CodingKey {
            case answer, sources, timings
            case answerKind = "answer_kind"
            case logID = "log_id"
        }
    }
}
