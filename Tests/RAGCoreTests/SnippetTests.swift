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
}
