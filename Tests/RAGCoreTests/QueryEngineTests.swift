import Foundation
import Testing
import Wire

@testable import RAGCore

@Suite struct QueryEngineTests {
    static let ctx = WireContext(correlationID: "test-query", telegramID: 42)

    static func corpus() async throws -> (KnowledgeFixture, Int64) {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase().id
        try await SampleCorpus.load(into: fixture, kb: kb)
        return (fixture, kb)
    }

    @Test func russianQuestionIsAnsweredWithCitations() async throws {
        let (fixture, kb) = try await Self.corpus()
        let result = try await fixture.engine().answer(.init(question: "Где хранятся настройки сервера?", knowledgeBaseIDs: [kb]), ctx: Self.ctx)
        #expect(result.answerKind == .extractive)
        #expect(result.answer.contains("/etc/app/server.conf"))
        #expect(result.answer.contains("[1]"))
        let first = try #require(result.sources.first)
        #expect(first.n == 1)
        #expect(first.title == "Настройка сервера")
        #expect(first.headingPath == ["Сервер"])
        #expect(first.deepLink == "https://docs.example/server.md")
        #expect(first.snippet.contains("«"))
        #expect(result.sources.map(\.n) == Array(1...result.sources.count))
        #expect(result.timings.retrieveMs >= 0 && result.timings.generateMs >= 0)
    }

    @Test func englishQuestionIsAnsweredWithCitations() async throws {
        let (fixture, kb) = try await Self.corpus()
        let result = try await fixture.engine().answer(.init(question: "How do I install the agent on Linux?", knowledgeBaseIDs: [kb], topK: 3), ctx: Self.ctx)
        #expect(result.answerKind == .extractive)
        #expect(result.answer.hasPrefix("To install the agent on Linux"))
        #expect(result.answer.contains("[1]"))
        #expect(result.sources.count <= 3)
        #expect(result.sources.first?.title == "Installation")
    }

    @Test func wordFormsOfAnotherCaseFindTheDocument() async throws {
        let (fixture, _) = try await Self.corpus()
        // Every knowledge base when none is named; «серверов»/«настройка» meet «сервера»/«настройки».
        let result = try await fixture.engine().answer(.init(question: "настройка серверов"), ctx: Self.ctx)
        #expect(result.sources.first?.title == "Настройка сервера")
        #expect(result.answerKind == .extractive)
    }

    @Test("query syntax alone is no error, and finds nothing", arguments: [#""" ( ) [ ] AND * - "#, "\"\" OR NOT ~ ^", "*", "((("])
    func querySyntaxOnly(question: String) async throws {
        let (fixture, kb) = try await Self.corpus()
        let result = try await fixture.engine().answer(.init(question: question, knowledgeBaseIDs: [kb]), ctx: Self.ctx)
        #expect(result.sources.isEmpty)
        #expect(result.answerKind == .noAnswer)
    }

    @Test func unrelatedQuestionHasNoAnswerButNearestSources() async throws {
        let (fixture, kb) = try await Self.corpus()
        let result = try await fixture.engine().answer(.init(question: "Which port do giraffes prefer for migration flights?", knowledgeBaseIDs: [kb]), ctx: Self.ctx)
        #expect(result.answerKind == .noAnswer)
        #expect(result.answer.hasPrefix("The knowledge base has no answer"))
        #expect(!result.sources.isEmpty, "the nearest source mentioning 'port' is listed")
        let russian = try await fixture.engine().answer(.init(question: "Какого цвета жирафы?", knowledgeBaseIDs: [kb]), ctx: Self.ctx)
        #expect(russian.answerKind == .noAnswer)
        #expect(russian.answer.hasPrefix("В базе знаний нет ответа"))
    }

    @Test func answerStaysUnderTheLimit() async throws {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase().id
        let long = (1...40).map { "Sentence \($0) says the server restarts nightly and keeps logs for a week." }.joined(separator: " ")
        _ = try await fixture.store.putDocument(KnowledgeFixture.document(kb: kb, uri: "l.md", title: "Server", [long, long + " Extra."]))
        let result = try await fixture.engine(maximumCharacters: 150).answer(.init(question: "server restarts logs week", knowledgeBaseIDs: [kb]), ctx: Self.ctx)
        #expect(result.answerKind == .extractive)
        #expect(result.answer.count <= 150)
    }

    @Test func badParametersAreRefused() async throws {
        let (fixture, kb) = try await Self.corpus()
        await #expect(throws: KnowledgeStore.Error.invalid(field: "question", reason: "must be 1 to 4000 characters")) {
            _ = try await fixture.engine().answer(.init(question: "   "), ctx: Self.ctx)
        }
        await #expect(throws: KnowledgeStore.Error.self) {
            _ = try await fixture.engine().answer(.init(question: "server", knowledgeBaseIDs: [kb], topK: 51), ctx: Self.ctx)
        }
        await #expect(throws: KnowledgeStore.Error.knowledgeBaseNotFound(id: 999)) {
            _ = try await fixture.engine().answer(.init(question: "server", knowledgeBaseIDs: [999]), ctx: Self.ctx)
        }
    }

    @Test func queriesAreLoggedAndTakeFeedback() async throws {
        let (fixture, kb) = try await Self.corpus()
        let engine = fixture.engine()
        let answered = try await engine.answer(.init(question: "Как сменить порт сервера?", knowledgeBaseIDs: [kb]), ctx: Self.ctx)
        _ = try await engine.answer(.init(question: "***"), ctx: WireContext(correlationID: "other", telegramID: 7))

        let all = try await fixture.store.logEntries(.init())
        #expect(all.entries.count == 2)
        let entry = try #require(all.entries.last)
        #expect(entry.id == answered.logID)
        #expect(entry.telegramID == 42)
        #expect(entry.correlationID == "test-query")
        #expect(entry.knowledgeBaseIDs == [kb])
        #expect(entry.question == "Как сменить порт сервера?")
        #expect(entry.answerKind == answered.answerKind)
        #expect(entry.sourceDocumentIDs == answered.sources.map(\.documentID))

        let mine = try await fixture.store.logEntries(.init(telegramID: 42))
        #expect(mine.entries.map(\.id) == [answered.logID])
        let misses = try await fixture.store.logEntries(.init(answerKind: .noAnswer))
        #expect(misses.entries.map(\.telegramID) == [7])
        let paged = try await fixture.store.logEntries(.init(limit: 1))
        #expect(paged.entries.count == 1)
        let rest = try await fixture.store.logEntries(.init(limit: 1, cursor: paged.next))
        #expect(rest.entries.map(\.id) == [answered.logID])

        let rated = try await fixture.store.feedback(logID: answered.logID, helpful: false, comment: "outdated", telegramID: 42)
        #expect(rated.helpful == false && rated.comment == "outdated")
        await #expect(throws: KnowledgeStore.Error.notYourAnswer(logID: answered.logID)) {
            _ = try await fixture.store.feedback(logID: answered.logID, helpful: true, comment: nil, telegramID: 7)
        }
        await #expect(throws: KnowledgeStore.Error.logEntryNotFound(id: 999)) {
            _ = try await fixture.store.feedback(logID: 999, helpful: true, comment: nil, telegramID: nil)
        }
    }
}
