import Foundation
import Logging
import Wire

/// Answers questions: retrieves passages from the index, writes the answer, logs the query.
struct QueryEngine: Sendable {
    let store: KnowledgeStore
    let answerer: ExtractiveAnswerer
    /// The LLM answerer, when `LLM_BASE_URL` is set; the extractive answer is its fallback.
    var llm: LLMAnswerer?
    /// Length of the highlighted snippet shown with each source.
    var snippetLength = 200

    /// The longest question accepted, in characters.
    static let maximumQuestionLength = 4_000

    func answer(_ params: RAGQuery.Params, ctx: WireContext, logger: Logger = Logger(label: "rag-core")) async throws(KnowledgeStore.Error) -> RAGQuery.Result {
        let question = params.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maximumQuestionLength).contains(question.count) else {
            throw .invalid(field: "question", reason: "must be 1 to \(Self.maximumQuestionLength) characters")
        }
        let topK = params.topK ?? RAGQuery.defaultTopK
        guard RAGQuery.topKRange.contains(topK) else {
            throw .invalid(field: "top_k", reason: "must be in \(RAGQuery.topKRange.lowerBound)...\(RAGQuery.topKRange.upperBound)")
        }
        let started = ContinuousClock.now
        // Only function words and syntax ("AND", "*", quotes): nothing worth looking up.
        let highlighted = ExtractiveAnswerer.contentTerms(of: question)
        let (knowledgeBaseIDs, found) = try await search(
            question, in: params.knowledgeBaseIDs, topK: topK, skippingSearch: highlighted.isEmpty)
        let passages = found.enumerated().map { index, hit in RetrievedPassage(n: index + 1, passage: hit.passage, score: hit.score) }
        let retrieved = ContinuousClock.now

        let language = AnswerLanguage(requested: params.language, question: question)
        var (text, kind) = answerer.answer(question: question, passages: passages, language: language)
        // Below the relevance threshold nobody is asked to invent an answer.
        if kind == .extractive, let llm {
            do {
                text = try await llm.answer(question: question, passages: passages, language: language)
                kind = .llm
            } catch {
                logger.warning("llm failed, answering with the built-in answerer", metadata: ["error": "\(error)", "model": "\(llm.model)"])
                kind = .llmFallback
            }
        }
        let sources = passages.map { source($0, highlighting: highlighted) }
        let generated = ContinuousClock.now

        let timings = RAGQuery.Timings(retrieveMs: Self.milliseconds(retrieved - started), generateMs: Self.milliseconds(generated - retrieved))
        let record = QueryLogRecord(
            id: nil, at: store.now(), telegramID: ctx.telegramID, knowledgeBaseIDs: QueryLogRecord.joined(knowledgeBaseIDs),
            question: question, answerKind: kind, sourceDocumentIDs: QueryLogRecord.joined(sources.map(\.documentID)),
            retrieveMs: timings.retrieveMs, generateMs: timings.generateMs, correlationID: ctx.correlationID, helpful: nil,
            comment: nil)
        let logID = store.logQuery(record)
        return RAGQuery.Result(answer: text, answerKind: kind, sources: sources, timings: timings, logID: logID)
    }

    /// The knowledge bases asked about (all when none are named) and the best `topK` passages
    /// in them: each language's knowledge bases searched with their own analysis, the hits
    /// merged by score. The scopes and the passages' text come from one SQLite snapshot, and
    /// the Xapian search (which has its own snapshot of the index) runs inside the same read,
    /// on the database's reader thread rather than on an event loop: one hop instead of two,
    /// at the cost of holding one of the pool's readers for the search (~0.3 ms).
    func search(
        _ question: String, in requested: [Int64]?, topK: Int, skippingSearch: Bool
    ) async throws(KnowledgeStore.Error) -> (knowledgeBaseIDs: [Int64], found: [(passage: Passage, score: Double)]) {
        let index = store.index
        return try await store.read { db in
            let scopes = try KnowledgeStore.searchScopes(db)
            let knowledgeBaseIDs = requested.map { Array(Set($0)).sorted() } ?? scopes.keys.sorted()
            if let unknown = knowledgeBaseIDs.first(where: { scopes[$0] == nil }) {
                throw KnowledgeStore.Error.knowledgeBaseNotFound(id: unknown)
            }
            if skippingSearch { return (knowledgeBaseIDs, []) }
            let groups = Dictionary(grouping: knowledgeBaseIDs) { scopes[$0] ?? .auto }
            var hits: [SearchHit] = []
            do throws(SearchIndex.Error) {
                for (language, ids) in groups.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    hits += try index.search(query: question, knowledgeBaseIDs: ids, language: language.analyzerLanguage, topK: topK)
                }
            } catch {
                throw KnowledgeStore.Error.index(error.description)
            }
            hits = Array(hits.sorted { ($0.score, -$0.chunkID) > ($1.score, -$1.chunkID) }.prefix(topK))
            let passages = try KnowledgeStore.passages(db, hits.map(\.chunkID))
            // A hit whose chunk was replaced since the index was written is left out.
            return (knowledgeBaseIDs, hits.compactMap { hit in passages[hit.chunkID].map { ($0, hit.score) } })
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 1000).rounded() / 1000
    }

    private func source(_ retrieved: RetrievedPassage, highlighting terms: Set<String>) -> AnswerSource {
        let passage = retrieved.passage
        return AnswerSource(
            n: retrieved.n, knowledgeBaseID: passage.document.knowledgeBaseID, documentID: passage.document.id ?? 0,
            chunkID: passage.chunk.id ?? 0, title: passage.document.title, headingPath: passage.chunk.headings,
            sourceURI: passage.document.sourceURI, deepLink: passage.document.deepLink,
            snippet: ExtractiveAnswerer.analyzer.snippet(
                of: passage.chunk.text, tokens: retrieved.tokens, matching: terms, length: snippetLength),
            score: (retrieved.score * 1000).rounded() / 1000)
    }
}
