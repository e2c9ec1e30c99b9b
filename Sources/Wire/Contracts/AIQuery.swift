/// `ai.query`: a prompt straight to the configured LLM, without retrieval.
///
/// Params: `{"prompt":"Summarise BM25 in one sentence."}`.
/// Result: `{"answer":"…","model":"llama3","generate_ms":812.5}`.
/// Errors: `unavailable` when no LLM is configured (the message names `LLM_BASE_URL`) or
/// the LLM fails; `bad_request` for an empty prompt.
public enum AIQuery: WireMethod {
    public static let name = "ai.query"

    public struct Params: Codable, Sendable, Equatable {
        public var prompt: String

        public init(prompt: String) {
            self.prompt = prompt
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var answer: String
        public var model: String
        public var generateMs: Double

        public init(answer: String, model: String, generateMs: Double) {
            self.answer = answer
            self.model = model
            self.generateMs = generateMs
        }

        enum CodingKeys: String, CodingKey {
            case answer, model
            case generateMs = "generate_ms"
        }
    }
}
