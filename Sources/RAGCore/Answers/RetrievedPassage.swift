/// A passage found for a question: the chunk with its document, its source number `[n]`,
/// its BM25 score, and its words as the answerer analyses them.
struct RetrievedPassage: Sendable, Equatable {
    /// The number the answer cites, from 1.
    var n: Int
    var passage: Passage
    var score: Double
    /// The chunk text's tokens under ``ExtractiveAnswerer/analyzer``: computed once here,
    /// shared by the answer and the source's snippet, which both need them.
    var tokens: [TextAnalyzer.Token]

    init(n: Int, passage: Passage, score: Double) {
        self.n = n
        self.passage = passage
        self.score = score
        tokens = ExtractiveAnswerer.analyzer.tokens(in: passage.chunk.text)
    }
}
