import Testing

@testable import RAGCore

@Suite struct TextAnalyzerTests {
    let russian = TextAnalyzer(language: .russian)
    let english = TextAnalyzer(language: .english)
    let automatic = TextAnalyzer(language: .automatic)

    @Test(arguments: [
        ("настройки сервера", "настройка серверов"),
        ("Ёлка", "елки"),
        ("пользователями", "пользователь"),
    ])
    func russianWordFormsShareTerms(document: String, query: String) {
        #expect(russian.terms(of: document) == russian.terms(of: query))
    }

    /// `isWordPart` answers Cyrillic, Latin-1 and general punctuation from ranges instead of
    /// a property lookup; on every scalar up to U+2FFF it must agree with the lookup.
    @Test func wordPartRangesAgreeWithUnicodeProperties() {
        for value in UInt32(0x80)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            for continuing in [false, true] {
                let expected = properties.isAlphabetic || properties.generalCategory == .decimalNumber
                    || (continuing && [.nonspacingMark, .spacingMark, .enclosingMark].contains(properties.generalCategory))
                #expect(TextAnalyzer.isWordPart(scalar, continuing: continuing) == expected, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func englishWordFormsShareTerms() {
        #expect(english.terms(of: "configuring servers") == english.terms(of: "configure server"))
        #expect(english.terms(of: "Configuration") == english.terms(of: "configurations"))
    }

    @Test func lowercasesAndFoldsYo() {
        #expect(russian.terms(of: "ЁЖИК") == russian.terms(of: "ежик"))
        #expect(!russian.terms(of: "ёжик").contains { $0.contains("ё") })
    }

    @Test func querySyntaxCharactersAreNotTerms() {
        #expect(automatic.terms(of: #""" () * - + : ~ ^ [] {} \ / | & ! ? "#).isEmpty)
        #expect(automatic.terms(of: #"("сервер" AND -nginx*)"#) == automatic.terms(of: "сервер and nginx"))
    }

    @Test func automaticStemsEachScriptWithItsOwnStemmer() {
        let terms = automatic.terms(of: "серверов servers")
        #expect(terms == russian.terms(of: "серверов") + english.terms(of: "servers"))
        #expect(terms == ["сервер", "server"])
    }

    @Test func digitsAndMixedTokensStayWhole() {
        #expect(automatic.terms(of: "Airbus A320, 2024-05") == ["airbus", "a320", "2024", "05"])
    }

    @Test func decomposedLettersAnalyseLikePrecomposedOnes() {
        let decomposed = "бои\u{0306}"  // "бой" with a combining breve
        #expect(russian.terms(of: decomposed) == russian.terms(of: "бой"))
    }

    @Test func apostrophesInsideWordsKeepTheWordTogether() {
        #expect(english.terms(of: "the server’s disk") == english.terms(of: "the server's disk"))
        #expect(english.terms(of: "'quoted'") == ["quot"])
    }

    @Test func russianStopwordsAreDroppedOnlyWhenAsked() {
        #expect(russian.terms(of: "это и есть сервер") == ["сервер"])
        #expect(TextAnalyzer(language: .russian, dropsStopwords: false).terms(of: "и сервер").count == 2)
        #expect(english.terms(of: "the server").count == 2)
    }

    @Test func overlongWordsAreDropped() {
        let hash = String(repeating: "a1", count: 100)
        #expect(automatic.terms(of: "ключ \(hash)") == ["ключ"])
    }

    @Test func tokenRangesPointAtTheWords() {
        let text = "Настройка (сервера)"
        let words = automatic.tokens(in: text).map { String(text[$0.range]) }
        #expect(words == ["Настройка", "сервера"])
    }
}
