import Wire

/// The built-in answerer: no network, no model. It picks the sentences of the top passages
/// that best cover the question's words, puts them in source order, cites each `[n]`,
/// and stays under ``maximumCharacters``.
///
/// When no passage covers at least ``minimumCoverage`` of the question's content words,
/// the knowledge base is taken to have no answer, and the nearest sources are listed.
struct ExtractiveAnswerer: Sendable {
    /// `ANSWER_MAX_CHARS`: the longest answer text.
    var maximumCharacters: Int
    /// The share of the question's content words the best passage must contain.
    var minimumCoverage: Double = 0.5
    /// How many of the top passages sentences are taken from.
    var passagesConsidered = 3
    /// The most sentences in an answer.
    var maximumSentences = 4

    /// English question and function words: kept by the index (they help BM25 there), but
    /// they say nothing about whether a passage answers.
    static let questionWords: Set<String> = {
        let words = """
            what which who whom whose where when why how is are was were be been do does did can could should would \
            will shall may might must have has had i me my we our you your it its the a an of to in on at for from by \
            with about into and or not no this that these those there here please tell explain
            """
        return Set(TextAnalyzer(language: .english).terms(of: words))
    }()

    /// The analysis used to match questions with sentences: stems both scripts.
    static let analyzer = TextAnalyzer(language: .automatic)

    /// The question's content words, analysed.
    static func contentTerms(of question: String) -> Set<String> {
        Set(analyzer.terms(of: question)).subtracting(questionWords)
    }

    /// The answer text and its kind (`extractive` or `no_answer`).
    func answer(question: String, passages: [RetrievedPassage], language: AnswerLanguage) -> (text: String, kind: AnswerKind) {
        let wanted = Self.contentTerms(of: question)
        // Each passage is analysed once: for its coverage and to find its matching sentences.
        let analysed = passages.prefix(passagesConsidered).map { AnalysedPassage($0, wanted: wanted) }
        let best = analysed.map(\.covered.count).max() ?? 0
        guard !wanted.isEmpty, Double(best) / Double(wanted.count) >= minimumCoverage else {
            return (language.noAnswer(nearest: passages.map { ($0.n, $0.passage.document.title) }), .noAnswer)
        }
        let picked = pick(analysed.enumerated().flatMap { rank, passage in passage.candidates(rank: rank) })
        guard !picked.isEmpty else {
            return (language.noAnswer(nearest: passages.map { ($0.n, $0.passage.document.title) }), .noAnswer)
        }
        let text = picked.sorted { ($0.n, $0.offset) < ($1.n, $1.offset) }.map(\.cited).joined(separator: " ")
        return (text, .extractive)
    }

    /// A passage with the question's words it contains, word by word.
    private struct AnalysedPassage {
        var retrieved: RetrievedPassage
        /// Matching words of the text, in order.
        var matches: [TextAnalyzer.Token]
        /// The question's words in the title, headings or text.
        var covered: Set<String>

        init(_ retrieved: RetrievedPassage, wanted: Set<String>) {
            self.retrieved = retrieved
            let passage = retrieved.passage
            matches = retrieved.tokens.filter { wanted.contains($0.term) }
            let labels = ExtractiveAnswerer.analyzer.terms(of: passage.document.title + "\n" + passage.chunk.headingPath)
            covered = Set(matches.map(\.term)).union(labels).intersection(wanted)
        }

        /// The sentences holding at least one of the question's words.
        func candidates(rank: Int) -> [Candidate] {
            guard !matches.isEmpty else { return [] }
            var result: [Candidate] = []
            var next = 0
            for sentence in SentenceSplitter.sentences(in: retrieved.passage.chunk.text) {
                var terms = Set<String>()
                while next < matches.count, matches[next].range.lowerBound < sentence.end {
                    terms.insert(matches[next].term)
                    next += 1
                }
                if !terms.isEmpty {
                    result.append(Candidate(n: retrieved.n, rank: rank, offset: sentence.offset, text: sentence.text, terms: terms))
                }
            }
            return result
        }
    }

    /// A sentence that could go into the answer.
    struct Candidate: Sendable {
        var n: Int
        var rank: Int
        var offset: Int
        var text: String
        var terms: Set<String>
        var cited: String { "\(text) [\(n)]" }
    }

    /// Greedy set cover: each step takes the sentence adding the most words not yet
    /// covered (then the most words, then the better-ranked source), while it fits.
    private func pick(_ candidates: [Candidate]) -> [Candidate] {
        var remaining = candidates
        var picked: [Candidate] = []
        var covered = Set<String>()
        var length = 0
        while picked.count < maximumSentences {
            let scored = remaining.enumerated().map { index, candidate in
                (index: index, gain: candidate.terms.subtracting(covered).count, candidate: candidate)
            }
            guard
                let best = scored.filter({ $0.gain > 0 }).max(by: { lhs, rhs in
                    (lhs.gain, lhs.candidate.terms.count, -lhs.candidate.rank, -lhs.candidate.offset)
                        < (rhs.gain, rhs.candidate.terms.count, -rhs.candidate.rank, -rhs.candidate.offset)
                })
            else { break }
            remaining.remove(at: best.index)
            var candidate = best.candidate
            let separator = picked.isEmpty ? 0 : 1
            if length + separator + candidate.cited.count > maximumCharacters {
                guard picked.isEmpty else { continue }
                // A first sentence longer than the whole budget is cut at a word.
                candidate.text = Self.truncated(candidate.text, to: maximumCharacters - " [\(candidate.n)]".count)
            }
            picked.append(candidate)
            covered.formUnion(candidate.terms)
            length += separator + candidate.cited.count
        }
        return picked
    }

    /// `text` cut at a word boundary to at most `limit` characters, ending in "…".
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(max(0, limit - 1))
        let cut = head.lastIndex(where: \.isWhitespace).map { head[..<$0] } ?? head
        return cut + "…"
    }
}
