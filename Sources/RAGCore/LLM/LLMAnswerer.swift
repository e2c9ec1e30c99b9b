import Foundation

/// Answers from the retrieved passages with an LLM: the numbered sources go into the
/// prompt, and the model is asked to answer in the user's language citing them `[n]`.
struct LLMAnswerer: Sendable {
    let client: ChatCompletionsClient
    /// The most characters of passage text put into the prompt.
    var maximumContextCharacters = 12_000

    var model: String { client.settings.model }

    /// The model's answer to `question` from `passages`.
    func answer(question: String, passages: [RetrievedPassage], language: AnswerLanguage) async throws(ChatCompletionsClient.Error) -> String {
        try await client.complete([
            .init(role: "system", content: Self.systemPrompt(language)),
            .init(role: "user", content: prompt(question: question, passages: passages)),
        ])
    }

    /// A prompt straight to the model, no retrieval (`ai.query`).
    func ask(_ prompt: String) async throws(ChatCompletionsClient.Error) -> String {
        try await client.complete([.init(role: "user", content: prompt)])
    }

    static func systemPrompt(_ language: AnswerLanguage) -> String {
        let name = language == .russian ? "Russian" : "English"
        return """
            You answer questions using only the numbered sources given. Cite every statement with the number of its \
            source in square brackets, like [1] or [2][3]. If the sources do not contain the answer, say so plainly and do \
            not invent one. Answer in \(name), briefly.
            """
    }

    func prompt(question: String, passages: [RetrievedPassage]) -> String {
        var budget = maximumContextCharacters
        var sources: [String] = []
        for retrieved in passages where budget > 0 {
            let passage = retrieved.passage
            let heading = passage.chunk.headingPath.isEmpty ? "" : " — \(passage.chunk.headingPath)"
            let text = String(passage.chunk.text.prefix(budget))
            budget -= text.count
            sources.append("[\(retrieved.n)] \(passage.document.title)\(heading)\n\(text)")
        }
        return "Sources:\n\n" + sources.joined(separator: "\n\n") + "\n\nQuestion: \(question)"
    }
}
