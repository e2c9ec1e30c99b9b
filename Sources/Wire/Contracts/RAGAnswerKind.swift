/// Where an answer came from.
public enum AnswerKind: String, Codable, Sendable, CaseIterable {
    /// Sentences of the retrieved chunks, picked by the built-in answerer.
    case extractive
    /// Written by the configured LLM from the retrieved chunks.
    case llm
    /// The LLM failed, so the built-in answerer answered instead.
    case llmFallback = "llm_fallback"
    /// Nothing relevant enough was found; the nearest sources are listed instead.
    case noAnswer = "no_answer"
}
