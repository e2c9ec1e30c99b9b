/// A chunk analysed into what Xapian stores, computed before taking the writer lock.
struct PreparedChunk: Sendable {
    var idTerm: String
    var booleanTerms: [String]
    /// Each distinct analysed term with its weighted count (title words count
    /// `titleWeight` each, body words 1).
    var termFrequencies: [(String, UInt32)]
    var data: [UInt8]

    init(_ chunk: IndexedChunk, titleWeight: UInt32, dropsStopwords: Bool) {
        let analyzer = TextAnalyzer(language: chunk.language, dropsStopwords: dropsStopwords)
        var frequencies: [String: UInt32] = [:]
        for field in [chunk.title] + chunk.headingPath {
            for term in analyzer.terms(of: field) {
                frequencies[term, default: 0] &+= titleWeight
            }
        }
        for term in analyzer.terms(of: chunk.text) {
            frequencies[term, default: 0] &+= 1
        }
        idTerm = IndexTerms.chunk(chunk.chunkID)
        booleanTerms = [
            idTerm, IndexTerms.document(chunk.documentID), IndexTerms.knowledgeBase(chunk.knowledgeBaseID),
        ]
        termFrequencies = frequencies.map { ($0.key, $0.value) }
        data = IndexTerms.encodeData(
            chunkID: chunk.chunkID, documentID: chunk.documentID, knowledgeBaseID: chunk.knowledgeBaseID)
    }
}
