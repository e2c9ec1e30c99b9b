import Synchronization

/// Remembers the term of each word a `TextAnalyzer` has seen, for every analyzer in the
/// process.
///
/// Lowercasing, folding and Snowball stemming cost about a microsecond per word, and a
/// question's answer analyses every word of its top passages (about a thousand words);
/// the words of a language repeat, so after warm-up nearly every word is a lookup.
/// Bounded: when full the cache starts over, which keeps memory flat under any input.
final class TermCache: Sendable {
    struct Key: Hashable, Sendable {
        var word: String
        var language: TextAnalyzer.Language
        var dropsStopwords: Bool
    }

    /// The cache every analyzer shares.
    static let shared = TermCache(capacity: 200_000)

    private let capacity: Int
    /// A word's term, or `.some(nil)` for a dropped word (a stopword, an over-long one).
    private let terms = Mutex<[Key: String?]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The term for `key`, computed by `analyse` on the first sight of the word.
    func term(for key: Key, analyse: (String) -> String?) -> String? {
        if let known = terms.withLock({ $0[key] }) {
            return known
        }
        let term = analyse(key.word)
        terms.withLock { terms in
            if terms.count >= capacity { terms.removeAll(keepingCapacity: true) }
            terms[key] = .some(term)
        }
        return term
    }
}
