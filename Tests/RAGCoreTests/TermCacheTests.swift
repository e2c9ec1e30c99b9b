import Synchronization
import Testing

@testable import RAGCore

@Suite struct TermCacheTests {
    /// Counts how often the cache asks for an analysis.
    final class Analyses: Sendable {
        private let count = Mutex(0)
        var total: Int { count.withLock { $0 } }

        func analyse(_ word: String) -> String? {
            count.withLock { $0 += 1 }
            return word == "и" ? nil : "stem:" + word
        }
    }

    static func key(_ word: some StringProtocol, _ language: TextAnalyzer.Language = .russian, dropsStopwords: Bool = true) -> TermCache.Key {
        TermCache.Key(word: String(word), language: language, dropsStopwords: dropsStopwords)
    }

    @Test("the same word read from different texts is one key, remembered after its first analysis")
    func sameWordDifferentTexts() {
        let cache = TermCache(capacity: 100)
        let analyses = Analyses()
        let first = "настройки конфигурации"
        let second = "про конфигурации и не только"
        let fromFirst = Self.key(first.split(separator: " ")[1])
        let fromSecond = Self.key(second.split(separator: " ")[1])
        #expect(fromFirst == fromSecond)
        #expect(fromFirst.hashValue == fromSecond.hashValue)
        #expect(cache.term(for: fromFirst, analyse: analyses.analyse) == "stem:конфигурации")
        #expect(cache.term(for: fromSecond, analyse: analyses.analyse) == "stem:конфигурации")
        #expect(analyses.total == 1)
        // A dropped word is remembered as dropped.
        #expect(cache.term(for: Self.key(second.split(separator: " ")[2]), analyse: analyses.analyse) == nil)
        #expect(cache.term(for: Self.key("и"), analyse: analyses.analyse) == nil)
        #expect(analyses.total == 2)
    }

    @Test("the analysis asked for is part of the key")
    func languageAndStopwordsAreKeyed() {
        #expect(Self.key("сервер", .russian) != Self.key("сервер", .automatic))
        #expect(Self.key("сервер", dropsStopwords: true) != Self.key("сервер", dropsStopwords: false))
        #expect(Self.key("сервер") != Self.key("сервера"))
        #expect(Self.key("серве") != Self.key("сервер"))
    }

    @Test("keys compare bytes: spellings that differ only in normalization are two entries with one term")
    func normalizationSpellings() {
        let precomposed = "бой"
        let decomposed = "бои\u{0306}"
        #expect(precomposed == decomposed)  // equal as Strings …
        #expect(Self.key(precomposed) != Self.key(decomposed))  // … not as keys
        let russian = TextAnalyzer(language: .russian)
        #expect(russian.terms(of: decomposed) == russian.terms(of: precomposed))
    }

    @Test("words are spread over the shards; a full shard starts over rather than growing")
    func shardsBoundTheirWords() {
        let cache = TermCache(capacity: 64, shardCount: 16)  // 4 words per shard
        let analyses = Analyses()
        let words = (0..<1000).map { "слово\($0)" }
        for word in words { _ = cache.term(for: Self.key(word), analyse: analyses.analyse) }
        #expect(analyses.total == 1000)
        // At most 64 of them are still known: asking again analyses at least the rest.
        for word in words { _ = cache.term(for: Self.key(word), analyse: analyses.analyse) }
        #expect(analyses.total >= 2000 - 64)
        // A word just analysed is known until its shard fills up again.
        _ = cache.term(for: Self.key("сервер"), analyse: analyses.analyse)
        let before = analyses.total
        #expect(cache.term(for: Self.key("сервер"), analyse: analyses.analyse) == "stem:сервер")
        #expect(analyses.total == before)
    }

    @Test("a full cache starts over rather than growing")
    func boundedByCapacity() {
        let cache = TermCache(capacity: 3, shardCount: 1)
        let analyses = Analyses()
        for word in ["a", "b", "c", "a"] { _ = cache.term(for: Self.key(word), analyse: analyses.analyse) }
        #expect(analyses.total == 3)
        _ = cache.term(for: Self.key("d"), analyse: analyses.analyse)  // full: starts over with "d"
        _ = cache.term(for: Self.key("a"), analyse: analyses.analyse)
        #expect(analyses.total == 5)
    }
}
