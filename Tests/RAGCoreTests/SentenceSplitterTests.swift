import Testing

@testable import RAGCore

@Suite struct SentenceSplitterTests {
    @Test func splitsAtSentenceEndsAndLineBreaks() {
        let text = "First one. Second one! Third?\n- a list item\nVersion 1.2 is out… Done"
        let sentences = SentenceSplitter.sentences(in: text).map(\.text)
        #expect(sentences == ["First one.", "Second one!", "Third?", "a list item", "Version 1.2 is out…", "Done"])
    }

    @Test func offsetsPointIntoTheText() {
        let text = "Alpha beta. Gamma delta."
        let sentences = SentenceSplitter.sentences(in: text)
        #expect(sentences.map(\.offset) == [0, 12])
    }

    @Test func truncationCutsAtAWord() {
        #expect(ExtractiveAnswerer.truncated("one two three four", to: 10) == "one two…")
        #expect(ExtractiveAnswerer.truncated("short", to: 10) == "short")
    }
}

@Suite struct SentenceSplitterWrappingTests {
    @Test func aWrappedLineIsOneSentence() {
        let text = "Back up with SQLite's online backup, which is safe alongside the\nowning service. Then copy it.\n- a list item\n1. a numbered one"
        let sentences = SentenceSplitter.sentences(in: text).map(\.text)
        #expect(sentences == ["Back up with SQLite's online backup, which is safe alongside the owning service.", "Then copy it.", "a list item", "a numbered one"])
    }
}
