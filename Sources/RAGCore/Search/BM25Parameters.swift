/// The two BM25 knobs: `k1` (how fast repeated words stop adding score) and `b` (how
/// much long chunks are penalised, 0…1).
public struct BM25Parameters: Sendable, Hashable, Codable {
    /// Term-frequency saturation.
    public var k1: Double
    /// Length normalisation.
    public var b: Double

    /// Parameters as given.
    public init(k1: Double, b: Double) {
        self.k1 = k1
        self.b = b
    }

    /// The defaults for `language`, chosen with `rag-eval` (see Benchmarks/RAGEval/RAGEval.docc/RAGEval.md).
    ///
    /// One setting serves every language: on a k1 0.6…1.5 × b 0.3…0.75 grid, every point
    /// of k1 0.7…1.0 × b 0.4…0.6 meets the Lucene BM25 reference scores of cranfield,
    /// xquad-r-en and xquad-ru at once; k1 0.9, b 0.5 is the middle of that region.
    public static func defaults(for language: TextAnalyzer.Language) -> BM25Parameters {
        BM25Parameters(k1: 0.9, b: 0.5)
    }
}
