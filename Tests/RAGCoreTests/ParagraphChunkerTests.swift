import Testing
import Wire

import RAGCore

/// Text posted by hand is cut into paragraph chunks of about 800 characters under its headings.
@Suite struct KnowledgeChunkingTests {
    @Test func paragraphsJoinUpToTheTargetUnderTheirHeadings() {
        let text = "# Guide\n\nFirst paragraph.\n\nSecond paragraph.\n\n## Linux\n\nOn Linux, run the installer.\n\n# Other\n\nLast."
        let chunks = ParagraphChunker.chunks(of: text)
        #expect(chunks.map(\.text) == ["First paragraph.\n\nSecond paragraph.", "On Linux, run the installer.", "Last."])
        #expect(chunks.map(\.headingPath) == [["Guide"], ["Guide", "Linux"], ["Other"]])
        for chunk in chunks {
            let start = text.index(text.startIndex, offsetBy: chunk.charStart)
            let end = text.index(text.startIndex, offsetBy: chunk.charEnd)
            #expect(String(text[start..<end]) == chunk.text)
        }
    }

    @Test func longParagraphsAreCutAtSpaces() {
        let paragraph = Array(repeating: "word", count: 500).joined(separator: " ")
        let chunks = ParagraphChunker.chunks(of: "Intro.\n\n" + paragraph)
        #expect(chunks.count == 5, "the intro, then 160 + 160 + 160 + 20 words")
        #expect(chunks.allSatisfy { $0.text.count <= ParagraphChunker.targetLength })
        #expect(chunks.dropFirst().map(\.text).joined(separator: " ") == paragraph)
        #expect(chunks.last?.charEnd == 8 + paragraph.count)
    }
}
