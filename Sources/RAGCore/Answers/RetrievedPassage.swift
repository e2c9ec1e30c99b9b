/// A passage found for a question: the chunk with its document, its source number `[n]`
/// and its BM25 score.
struct RetrievedPassage: Sendable, Equatable {
    /// The number the answer cites, from 1.
    var n: Int
    var passage: Passage
    var score: Double
}
