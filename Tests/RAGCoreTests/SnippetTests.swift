import Testing

@testable import RAGCore

@Suite struct SnippetTests {
    let analyzer = TextAnalyzer(language: .automatic)

    @Test func marksEveryMatchedWordForm() {
        let snippet = analyzer.snippet(
            of: "Настройки сервера описаны ниже. Сервер перезапускается сам.", forQuery: "настройка серверов")
        #expect(snippet == "«Настройки» «сервера» описаны ниже. «Сервер» перезапускается сам.")
    }

    @Test func windowSitsOnTheDensestCluster() {
        let filler = String(repeating: "lorem ipsum dolor ", count: 30)
        let text = "nginx once. " + filler + "nginx reload config here. " + filler
        let snippet = analyzer.snippet(of: text, forQuery: "nginx reload config", length: 80)
        #expect(snippet.hasPrefix("…"))
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.contains("«nginx» «reload» «config» here."))
        #expect(snippet.count <= 80 + 2 + 6 * 2)
    }

    @Test func noMatchGivesTheStartOfTheText() {
        let text = String(repeating: "alpha beta gamma ", count: 40)
        let snippet = analyzer.snippet(of: text, forQuery: "delta", length: 50)
        #expect(snippet.hasPrefix("alpha beta"))
        #expect(snippet.hasSuffix("…"))
        #expect(!snippet.contains("«"))
        #expect(snippet.count <= 51)
    }

    @Test func htmlMarkerEscapesTheText() {
        let snippet = analyzer.snippet(of: "Use <config> & restart nginx", forQuery: "nginx", marker: .html)
        #expect(snippet == "Use &lt;config&gt; &amp; restart <b>nginx</b>")
    }

    @Test func whitespaceRunsCollapse() {
        let snippet = analyzer.snippet(of: "первая строка\n\n   вторая строка", forQuery: "вторая")
        #expect(snippet == "первая строка «вторая» строка")
    }

    @Test func emptyTextGivesAnEmptySnippet() {
        #expect(analyzer.snippet(of: "", forQuery: "anything").isEmpty)
    }

    /// The run search as it was before it counted stems incrementally: a set per run.
    private static func referenceRun(terms: [String], matched: [Bool], offsets: [Range<Int>], length: Int) -> (first: Int, last: Int)? {
        let matches = matched.indices.filter { matched[$0] }
        var best = (first: 0, last: -1, distinct: 0, count: 0)
        var end = 0
        for start in matches.indices {
            end = max(end, start)
            while end + 1 < matches.count, offsets[matches[end + 1]].upperBound - offsets[matches[start]].lowerBound <= length {
                end += 1
            }
            let window = matches[start...end]
            let distinct = Set(window.map { terms[$0] }).count
            if (distinct, window.count) > (best.distinct, best.count) {
                best = (matches[start], matches[end], distinct, window.count)
            }
        }
        return best.last < 0 ? nil : (best.first, best.last)
    }

    @Test("the sliding count picks the run a set per run picked, on 20,000 random passages")
    func windowMatchesReference() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...60, using: &generator)
            var offsets: [Range<Int>] = []
            var position = 0
            for _ in 0..<count {
                position += Int.random(in: 1...3, using: &generator)
                let width = Int.random(in: 1...12, using: &generator)
                offsets.append(position..<position + width)
                position += width
            }
            let terms = (0..<count).map { _ in ["a", "b", "c", "d", "e", "ё", "сервер"].randomElement(using: &generator)! }
            let share = Double.random(in: 0...1, using: &generator)
            let matched = (0..<count).map { _ in Double.random(in: 0...1, using: &generator) < share }
            let length = Int.random(in: 1...120, using: &generator)
            let new = TextAnalyzer.densestRun(terms: terms, matched: matched, offsets: offsets, length: length)
            let old = Self.referenceRun(terms: terms, matched: matched, offsets: offsets, length: length)
            guard new?.first == old?.first, new?.last == old?.last else {
                Issue.record("terms \(terms), matched \(matched), offsets \(offsets), length \(length): \(String(describing: new)) vs \(String(describing: old))")
                return
            }
        }
    }
}
