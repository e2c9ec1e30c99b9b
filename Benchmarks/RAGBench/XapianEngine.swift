import RAGCore

/// RAGCore's production search path: `SearchIndex` (Xapian BM25, the `auto` analysis with
/// Snowball stemmers, title and headings weighted 2), filled as the `IndexSynchronizer`
/// fills it (upserts in batches, a commit with an applied sequence) and searched as
/// `rag.query` searches it (one knowledge base filter, OR of the analysed terms, top k).
struct XapianEngine {
    static let knowledgeBaseID: Int64 = 1
    /// Chunks per `upsert` call, and per index commit.
    static let batchSize = 1_000
    static let commitEvery = 10_000

    let index: SearchIndex

    init(directory: String) throws {
        index = try SearchIndex(directory: directory)
    }

    /// Indexes the whole corpus; returns the time spent in the index (not in making text).
    func load(_ corpus: BenchCorpus) throws -> Duration {
        let clock = ContinuousClock()
        var spent = Duration.zero
        var start = 0
        while start < corpus.size {
            let end = min(start + Self.batchSize, corpus.size)
            let batch = (start..<end).map { position in
                let chunk = corpus.chunk(position)
                return IndexedChunk(
                    chunkID: Int64(position + 1), knowledgeBaseID: Self.knowledgeBaseID, documentID: Int64(position / 8 + 1),
                    title: chunk.title, headingPath: chunk.headingPath, text: chunk.text, language: .automatic)
            }
            spent += try clock.measure {
                try index.upsert(chunks: batch)
                if end % Self.commitEvery == 0 || end == corpus.size {
                    try index.commit(appliedSequence: Int64(end))
                }
            }
            start = end
        }
        return spent
    }

    /// The ids of the best `topK` chunks.
    func search(_ question: String, topK: Int) throws -> [Int64] {
        try index.search(query: question, knowledgeBaseIDs: [Self.knowledgeBaseID], language: .automatic, topK: topK).map(\.chunkID)
    }
}
