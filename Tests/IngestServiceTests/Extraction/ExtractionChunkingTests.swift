import Foundation
import IngestService
import Testing
import Wire

@Suite("Extraction: chunking")
struct ExtractionChunkingTests {
    static let sentence = "The quick brown fox jumps over the lazy dog near the river bank. "

    func verbatim(_ text: String, heading: [String] = ["Guide"], at start: Int = 0) -> ExtractedSection {
        ExtractedSection(headingPath: heading, text: text, charStart: start, lineStart: 1, isVerbatim: true)
    }

    @Test("short paragraphs are joined up to the target, each chunk keeps its heading path")
    func joinsParagraphs() {
        let text = (1...30).map { "Paragraph \($0) says something useful about the product." }.joined(separator: "\n\n")
        let document = ExtractedDocument(mime: "text/plain", sections: [verbatim(text, heading: ["A", "B"], at: 10)])
        let chunks = DocumentChunker.chunks(of: document)
        #expect(chunks.count > 1)
        for chunk in chunks {
            #expect(chunk.headingPath == ["A", "B"])
            #expect(chunk.text.count <= 800)
            #expect(chunk.charEnd - chunk.charStart == chunk.text.count)
            let start = text.index(text.startIndex, offsetBy: chunk.charStart - 10)
            let end = text.index(text.startIndex, offsetBy: chunk.charEnd - 10)
            #expect(String(text[start..<end]) == chunk.text)
        }
        #expect(chunks.first?.text.hasPrefix("Paragraph 1 ") == true)
        #expect(chunks.last?.text.hasSuffix("Paragraph 30 says something useful about the product.") == true)
    }

    @Test("consecutive chunks of a section overlap; chunks never cross sections")
    func overlapWithinSection() {
        let long = (1...40).map { "Sentence \($0): the quick brown fox jumps over the lazy dog. " }.joined()
        let document = ExtractedDocument(
            mime: "text/plain", sections: [verbatim(long, heading: ["One"]), verbatim("Short.", heading: ["Two"], at: 5000)])
        let chunks = DocumentChunker.chunks(of: document, targetLength: 300, overlap: 60)
        let first = chunks.filter { $0.headingPath == ["One"] }
        #expect(first.count >= 8)
        for (previous, next) in zip(first, first.dropFirst()) {
            #expect(next.charStart < previous.charEnd)
            #expect(previous.charEnd - next.charStart <= 60)
            #expect(next.text.count <= 300)
        }
        #expect(chunks.last == DocumentChunk(headingPath: ["Two"], text: "Short.", charStart: 5000, charEnd: 5006))
    }

    @Test("a long paragraph is cut at sentence ends, a long sentence at spaces, a long word hard")
    func longParagraphs() {
        let sentences = String(repeating: Self.sentence, count: 20).trimmingWhitespaceForTest()
        let bySentence = DocumentChunker.chunks(
            of: ExtractedDocument(mime: "text/plain", sections: [verbatim(sentences)]), targetLength: 200, overlap: 0)
        #expect(bySentence.count > 1)
        for chunk in bySentence { #expect(chunk.text.hasSuffix("bank.")) }

        let words = String(repeating: "word ", count: 100).trimmingWhitespaceForTest()
        let byWord = DocumentChunker.chunks(
            of: ExtractedDocument(mime: "text/plain", sections: [verbatim(words + " " + String(repeating: "x", count: 250))]),
            targetLength: 100, overlap: 0)
        for chunk in byWord { #expect(chunk.text.count <= 100) }
        #expect(byWord.contains { $0.text == String(repeating: "x", count: 100) })
        #expect(byWord.filter { $0.text.hasPrefix("word") }.allSatisfy { !$0.text.hasSuffix(" ") && $0.text.hasSuffix("word") })
    }

    @Test("identical chunk texts within one document are kept once")
    func deduplicates() {
        let boilerplate = "Copyright 2026 Example Corp. All rights reserved."
        let document = ExtractedDocument(
            mime: "text/plain",
            sections: [
                verbatim("First page.\n\n" + String(repeating: "a ", count: 500) + "\n\n" + boilerplate, heading: ["One"]),
                verbatim(boilerplate, heading: ["Two"], at: 2000),
                verbatim(boilerplate, heading: ["Three"], at: 3000),
            ])
        let chunks = DocumentChunker.chunks(of: document, targetLength: 400, overlap: 0)
        #expect(chunks.filter { $0.text == boilerplate }.count == 1)
        #expect(!chunks.contains { $0.headingPath == ["Three"] })
    }

    @Test("Markdown to chunks: offsets count Characters and slice the source exactly (CRLF, combining marks, emoji)")
    func markdownOffsets() async throws {
        var source = "# Caf\u{65}\u{301}s 🇫🇷\r\n\r\n"
        for index in 1...40 {
            source += "Paragraph \(index): cre\u{300}me bru\u{302}le\u{301}e 👩‍👩‍👧 with a CRLF line end.\r\n"
            if index % 5 == 0 { source += "\r\n## Part \(index)\r\n\r\n" }
        }
        let document = try await DocumentExtractor().extract(Data(source.utf8), fileName: "menu.md", mime: nil)
        let chunks = DocumentChunker.chunks(of: document, targetLength: 200, overlap: 40)
        #expect(chunks.count > 8)
        #expect(chunks.first?.headingPath == ["Caf\u{65}\u{301}s 🇫🇷"])
        let lines = SourceLineIndex(text: source)
        for chunk in chunks {
            let start = source.index(source.startIndex, offsetBy: chunk.charStart)
            let end = source.index(source.startIndex, offsetBy: chunk.charEnd)
            #expect(String(source[start..<end]) == chunk.text)
            #expect(lines.lines(charStart: chunk.charStart, charEnd: chunk.charEnd).lowerBound >= 3)
        }
    }

    @Test("an empty document has no chunks")
    func empty() {
        #expect(DocumentChunker.chunks(of: ExtractedDocument(mime: "text/plain", sections: [])).isEmpty)
    }
}

extension String {
    fileprivate func trimmingWhitespaceForTest() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
