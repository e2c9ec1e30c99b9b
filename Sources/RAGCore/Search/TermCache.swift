import Synchronization

/// Remembers the term of each word a `TextAnalyzer` has seen, for every analyzer in the
/// process.
///
/// Lowercasing, folding and Snowball stemming cost about a microsecond per word, and a
/// question's answer analyses every word of its top passages (about a thousand words);
/// the words of a language repeat, so after warm-up nearly every word is a lookup.
/// Bounded: when full the cache starts over, which keeps memory flat under any input.
final class TermCache: Sendable {
    /// A word as written, with the analysis asked for.
    ///
    /// Hashed and compared by its UTF-8 bytes, not as a `String`: `String` hashes and compares
    /// every non-ASCII string through Unicode normalization, which made the lookup cost more
    /// than the work it saves. Two spellings of one word that differ only in normalization
    /// become two entries with the same term (the analysis normalizes), never a wrong term.
    struct Key: Hashable, Sendable {
        var word: String
        var language: TextAnalyzer.Language
        var dropsStopwords: Bool

        static func == (lhs: Key, rhs: Key) -> Bool {
            guard lhs.language == rhs.language, lhs.dropsStopwords == rhs.dropsStopwords else { return false }
            var (left, right) = (lhs.word, rhs.word)
            return left.withUTF8 { left in right.withUTF8 { right in left.elementsEqual(right) } }
        }

        /// The word's bytes only: the same word under another analysis is a rare collision,
        /// which `==` tells apart, and hashing the language's raw value would hash a string.
        func hash(into hasher: inout Hasher) {
            var word = word
            word.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// The cache every analyzer shares.
    static let shared = TermCache(capacity: 200_000)

    /// The words, split by ``shard(for:)`` over locks of their own: the event loops and the
    /// database's threads analyse text at the same time, and behind one lock they waited on
    /// each other (a futex sleep and wake-up) for a good share of all words.
    private let shards: [Shard]
    /// Each shard's bound; the cache holds at most `capacity` words in all.
    private let shardCapacity: Int

    private final class Shard: Sendable {
        /// A word's term, or `.some(nil)` for a dropped word (a stopword, an over-long one).
        let terms = Mutex<[Key: String?]>([:])
    }

    init(capacity: Int, shardCount: Int = 16) {
        shards = (0..<max(1, shardCount)).map { _ in Shard() }
        shardCapacity = max(1, capacity / shards.count)
    }

    /// The term for `key`, computed by `analyse` on the first sight of the word.
    func term(for key: Key, analyse: (String) -> String?) -> String? {
        let shard = shard(for: key)
        if let known = shard.terms.withLock({ $0[key] }) {
            return known
        }
        let term = analyse(key.word)
        shard.terms.withLock { terms in
            if terms.count >= shardCapacity { terms.removeAll(keepingCapacity: true) }
            terms[key] = .some(term)
        }
        return term
    }

    /// A shard picked from the word's last byte and length: cheaper than a second hash,
    /// and spread well enough over the words of a text.
    private func shard(for key: Key) -> Shard {
        let utf8 = key.word.utf8
        return shards[(Int(utf8.last ?? 0) &* 31 &+ utf8.count) % shards.count]
    }
}
