import Foundation
import ServiceSupport
import Testing
import Wire

@testable import RAGCore

/// The LLM answerer against a stub server on 127.0.0.1, and its fallback.
@Suite struct LLMAnswerTests {
    static let question = RAGQuery.Params(question: "Где хранятся настройки сервера?")

    static func engine(_ fixture: KnowledgeFixture, baseURL: String, timeout: Duration = .seconds(5)) -> QueryEngine {
        let settings = LLMSettings(baseURL: baseURL, model: "stub-model", apiKey: "secret-key", timeout: timeout)
        return QueryEngine(
            store: fixture.store, answerer: ExtractiveAnswerer(maximumCharacters: 1200),
            llm: LLMAnswerer(client: ChatCompletionsClient(settings: settings)))
    }

    @Test func answerComesFromTheLLMWithTheSourcesInThePrompt() async throws {
        let (fixture, _) = try await QueryEngineTests.corpus()
        try await LLMStubServer.with(.reply("Настройки лежат в /etc/app/server.conf [1].")) { url, stub in
            let result = try await Self.engine(fixture, baseURL: url).answer(Self.question, ctx: QueryEngineTests.ctx)
            #expect(result.answerKind == .llm)
            #expect(result.answer == "Настройки лежат в /etc/app/server.conf [1].")
            #expect(result.sources.first?.title == "Настройка сервера")
            let request = try #require(stub.requests.first)
            #expect(request.head.hasPrefix("POST /v1/chat/completions"))
            #expect(request.head.lowercased().contains("authorization: bearer secret-key"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            #expect(body["model"] as? String == "stub-model")
            let messages = try #require(body["messages"] as? [[String: String]])
            #expect(messages.first?["content"]?.contains("Answer in Russian") == true)
            #expect(messages.last?["content"]?.contains("[1] Настройка сервера") == true)
            #expect(messages.last?["content"]?.contains("Question: Где хранятся настройки сервера?") == true)
        }
    }

    @Test(arguments: [LLMStubServer.Behaviour.status(500), .reply("")])
    func failingLLMFallsBackToTheBuiltInAnswer(behaviour: LLMStubServer.Behaviour) async throws {
        let (fixture, _) = try await QueryEngineTests.corpus()
        try await LLMStubServer.with(behaviour) { url, stub in
            let result = try await Self.engine(fixture, baseURL: url).answer(Self.question, ctx: QueryEngineTests.ctx)
            #expect(result.answerKind == .llmFallback)
            #expect(result.answer.contains("/etc/app/server.conf") && result.answer.contains("[1]"))
            #expect(stub.requests.count == 1)
        }
    }

    @Test func unreachableLLMFallsBack() async throws {
        let (fixture, _) = try await QueryEngineTests.corpus()
        let url = try await LLMStubServer.deadBaseURL()
        // A refused connection is retried until the timeout, then given up.
        let result = try await Self.engine(fixture, baseURL: url, timeout: .seconds(1)).answer(Self.question, ctx: QueryEngineTests.ctx)
        #expect(result.answerKind == .llmFallback)
        #expect(result.answer.contains("[1]"))
    }

    @Test func slowLLMTimesOutAndFallsBack() async throws {
        let (fixture, _) = try await QueryEngineTests.corpus()
        try await LLMStubServer.with(.slow(.seconds(3), "too late")) { url, _ in
            let started = ContinuousClock.now
            let result = try await Self.engine(fixture, baseURL: url, timeout: .milliseconds(300)).answer(Self.question, ctx: QueryEngineTests.ctx)
            #expect(result.answerKind == .llmFallback)
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func noAnswerIsNotSentToTheLLM() async throws {
        let (fixture, _) = try await QueryEngineTests.corpus()
        try await LLMStubServer.with(.reply("invented")) { url, stub in
            let result = try await Self.engine(fixture, baseURL: url).answer(.init(question: "Какого цвета жирафы?"), ctx: QueryEngineTests.ctx)
            #expect(result.answerKind == .noAnswer)
            #expect(stub.requests.isEmpty)
        }
    }

    @Test func promptGoesStraightToTheLLM() async throws {
        try await LLMStubServer.with(.reply("BM25 ranks by term frequency and rarity.")) { url, stub in
            let answerer = LLMAnswerer(client: ChatCompletionsClient(settings: LLMSettings(baseURL: url + "/", model: "stub-model")))
            let answer: String = try await answerer.ask("Summarise BM25")
            #expect(answer == "BM25 ranks by term frequency and rarity.")
            #expect(stub.requests.first?.body.contains("Summarise BM25") == true)
            #expect(stub.requests.first?.head.lowercased().contains("authorization") == false)
        }
    }

    @Test func settingsNeedAModelWithABaseURL() throws {
        #expect(try LLMSettings(settings: .init([:])) == nil)
        #expect(throws: ConfigurationError.missing(variable: "LLM_MODEL", meaning: "the chat model to ask when LLM_BASE_URL is set")) {
            _ = try LLMSettings(settings: .init(["LLM_BASE_URL": "http://127.0.0.1:1/v1"]))
        }
        let settings = try #require(try LLMSettings(settings: .init(["LLM_BASE_URL": "http://127.0.0.1:1/v1/", "LLM_MODEL": "m", "LLM_TIMEOUT_MS": "1500"])))
        #expect(settings.baseURL == "http://127.0.0.1:1/v1")
        #expect(settings.timeout == .milliseconds(1500))
    }
}
