import Synchronization

/// The full-text index over knowledge-base chunks: a Xapian database in one directory,
/// derived from `kb.sqlite` and rebuilt from it when lost.
///
/// Writes (``upsert(chunks:)``, deletes, ``commit(appliedSequence:)``) go through one
/// writable handle, one at a time. Searches may come from any number of threads at once;
/// each borrows a read-only handle from a small pool, and sees everything committed
/// before it started. Uncommitted writes are invisible to searches.
///
/// Ranking is Xapian's BM25 over analysed terms (see ``TextAnalyzer``). Title and
/// heading words count `titleWeight` times per occurrence, body words once. The query
/// is an OR of its terms, so user text can never be a syntax error.
public final class SearchIndex: Sendable {
    /// The Xapian database directory.
    public let directory: String
    /// How many times a title or heading word counts compared with a body word.
    public let titleWeight: UInt32
    /// Whether stopwords are dropped; part of the index format like `titleWeight`.
    public let dropsStopwords: Bool
    /// How often a search that lost its revision to a commit is rerun at the new one before
    /// it searches with commits held off.
    let searchRetries: Int

    private let writer: Mutex<XapianDatabase>
    private let readers: XapianReaderPool
    /// Held by every commit, and by a search that lost its revision to commits several
    /// times in a row: with commits held off, its next try cannot lose it again.
    private let commitGate = Mutex(())
    /// How many reads needed `commitGate`: a sign of commits coming faster than searches.
    let searchesWithCommitsHeld = Atomic<Int>(0)

    /// The metadata key under which ``commit(appliedSequence:)`` stores its sequence.
    static let appliedSequenceKey = "rag.applied_sequence"

    /// The title weight measured best with `rag-eval`.
    public static let defaultTitleWeight: UInt32 = 2

    /// Opens the index in `directory`, creating it if missing.
    ///
    /// - Parameters:
    ///   - titleWeight: per-occurrence weight of title and heading words (body words: 1).
    ///   - dropsStopwords: whether function words are left out of the index and queries.
    ///   - maximumIdleReaders: read-only handles kept open between searches.
    ///   - searchRetries: reruns of a search at a new revision after a commit discarded the one
    ///     it read, before it searches with commits held off.
    /// - Throws: ``Error/locked(_:)`` if another writer holds the index.
    public init(
        directory: String, titleWeight: UInt32 = SearchIndex.defaultTitleWeight, dropsStopwords: Bool = true,
        maximumIdleReaders: Int = 8, searchRetries: Int = 3
    ) throws(Error) {
        self.searchRetries = max(0, searchRetries)
        self.directory = directory
        self.titleWeight = max(1, titleWeight)
        self.dropsStopwords = dropsStopwords
        let database = try XapianDatabase.openWritable(path: directory)
        // Commit once so a brand-new directory is a valid revision for read-only handles.
        try database.commit()
        writer = Mutex(database)
        readers = XapianReaderPool(path: directory, maximumIdle: max(1, maximumIdleReaders))
    }

    /// Adds the chunks, replacing any already indexed under the same `chunkID`.
    /// Visible to searches after the next ``commit(appliedSequence:)``.
    public func upsert(chunks: [IndexedChunk]) throws(Error) {
        // Analysis is the expensive part and needs no lock; only Xapian calls do.
        let prepared = chunks.map { PreparedChunk($0, titleWeight: titleWeight, dropsStopwords: dropsStopwords) }
        try writer.withLock { (database) throws(Error) in
            for chunk in prepared {
                let document = try XapianDocument()
                for (term, frequency) in chunk.termFrequencies {
                    try document.addTerm(term, frequency: frequency)
                }
                for term in chunk.booleanTerms {
                    try document.addBooleanTerm(term)
                }
                try document.setData(chunk.data)
                try database.replaceDocument(idTerm: chunk.idTerm, with: document)
            }
        }
    }

    /// Removes every chunk of the document.
    public func deleteDocument(id: Int64) throws(Error) {
        try writer.withLock { (database) throws(Error) in
            try database.deleteDocuments(withTerm: IndexTerms.document(id))
        }
    }

    /// Removes every chunk of the knowledge base.
    public func deleteKnowledgeBase(id: Int64) throws(Error) {
        try writer.withLock { (database) throws(Error) in
            try database.deleteDocuments(withTerm: IndexTerms.knowledgeBase(id))
        }
    }

    /// Makes all writes so far durable and visible, together with `appliedSequence`:
    /// the last change from `kb.sqlite` they reflect, stored in the same commit.
    public func commit(appliedSequence: Int64) throws(Error) {
        try commitUnseenByIdleReaders(appliedSequence: appliedSequence)
        readers.markCommitted()
    }

    /// Commits without telling idle readers to reopen first: to a reader, what a commit that
    /// lands while it is searching looks like. ``commit(appliedSequence:)`` and tests use it.
    func commitUnseenByIdleReaders(appliedSequence: Int64) throws(Error) {
        try writer.withLock { (database) throws(Error) in
            try database.setMetadata(String(appliedSequence), forKey: Self.appliedSequenceKey)
            try commitGate.withLock { _ throws(Error) in try database.commit() }
        }
    }

    /// The sequence stored by the last commit; 0 for a new index.
    public func appliedSequence() throws(Error) -> Int64 {
        let stored = try writer.withLock { (database) throws(Error) in
            try database.metadata(forKey: Self.appliedSequenceKey)
        }
        return Int64(stored) ?? 0
    }

    /// The number of committed chunks.
    public func documentCount() throws(Error) -> Int {
        try withLatestReader { (database) throws(Error) in try database.documentCount() }
    }

    /// Runs `body` on a read-only handle; if commits discard its revision faster than it
    /// can finish (Xapian already retried a few times), runs it once more with commits
    /// held off, which always completes.
    private func withLatestReader<R: Sendable>(
        _ body: (borrowing XapianDatabase) throws(Error) -> R
    ) throws(Error) -> R {
        do {
            return try readers.withReader(body)
        } catch .revisionDiscarded {
            searchesWithCommitsHeld.add(1, ordering: .relaxed)
            return try commitGate.withLock { _ throws(Error) in
                try readers.withReader { (database) throws(Error) in
                    try database.reopen()
                    return try body(database)
                }
            }
        }
    }

    /// The best chunks for `query` among the given knowledge bases.
    ///
    /// - Parameters:
    ///   - query: user text, taken as plain words (no operators).
    ///   - knowledgeBaseIDs: where to search; an empty list finds nothing.
    ///   - language: the analysis the chunks were indexed with.
    ///   - topK: the most hits to return.
    ///   - k1, b: BM25 parameters; nil takes ``BM25Parameters/defaults(for:)``.
    /// - Returns: hits, best first. A query with no searchable words gives no hits.
    public func search(
        query: String, knowledgeBaseIDs: [Int64], language: TextAnalyzer.Language, topK: Int = 10,
        k1: Double? = nil, b: Double? = nil
    ) throws(Error) -> [SearchHit] {
        let analyzer = TextAnalyzer(language: language, dropsStopwords: dropsStopwords)
        let terms = Self.weightedTerms(analyzer.terms(of: query))
        guard !terms.isEmpty, !knowledgeBaseIDs.isEmpty, topK > 0 else { return [] }
        let defaults = BM25Parameters.defaults(for: language)
        let filter = Set(knowledgeBaseIDs).sorted().map(IndexTerms.knowledgeBase)
        let results = try withLatestReader { (database) throws(Error) in
            try database.search(
                terms: terms, filterTerms: filter, k1: k1 ?? defaults.k1, b: b ?? defaults.b, topK: topK,
                retries: searchRetries)
        }
        return results.compactMap { result in
            IndexTerms.decodeHit(data: result.data, score: result.score)
        }
    }

    /// Each distinct term once, weighted by how often the query repeats it.
    static func weightedTerms(_ terms: [String]) -> [(term: String, weight: Double)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for term in terms {
            if counts[term] == nil { order.append(term) }
            counts[term, default: 0] += 1
        }
        return order.map { ($0, Double(counts[$0]!)) }
    }
}
