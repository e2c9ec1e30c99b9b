import Foundation
import Logging
import Wire

extension QueryEngine {
    /// The `rag.query`, `rag.feedback` and `logs.list` methods.
    func registerHandlers(in table: inout WireHandlerTable) {
        table.register(RAGQuery.self) { params, call in
            try await KnowledgeStore.answering(call) { try await self.answer(params, ctx: call.ctx, logger: call.logger) }
        }
        table.register(AIQuery.self) { params, call in
            guard let llm = self.llm else {
                throw WireError.unavailable(LLMSettings.missingMessage, details: ["setting": .string("LLM_BASE_URL")])
            }
            let prompt = params.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !prompt.isEmpty else {
                throw WireError.badRequest("prompt must not be empty", details: ["field": .string("params.prompt")])
            }
            let started = ContinuousClock.now
            do {
                let answer = try await llm.ask(prompt)
                return AIQuery.Result(answer: answer, model: llm.model, generateMs: Self.milliseconds(.now - started))
            } catch {
                call.logger.warning("llm failed", metadata: ["error": "\(error)", "model": "\(llm.model)"])
                throw WireError.unavailable("\(error)")
            }
        }
        table.register(RAGFeedback.self) { params, call in
            let entry = try await KnowledgeStore.answering(call) {
                try await self.store.feedback(logID: params.logID, helpful: params.helpful, comment: params.comment, telegramID: call.ctx.telegramID)
            }
            return RAGFeedback.Result(entry: entry)
        }
        table.register(LogsList.self) { params, call in
            let (entries, next) = try await KnowledgeStore.answering(call) { try await self.store.logEntries(params) }
            return LogsList.Result(entries: entries, nextCursor: next)
        }
    }
}
