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
