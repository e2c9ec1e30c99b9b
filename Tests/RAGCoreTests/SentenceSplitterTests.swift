import Foundation
import TestSupport
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

/// The splitter slices each sentence out of the text once it ends. Before, it built each one a
/// character at a time; that simpler version stays here as the reference, and both must cut
/// the project's own documents (prose, lists, tables, code, Russian) identically.
@Suite struct SentenceSplitterReferenceTests {
    static func reference(_ text: String) -> [SentenceSplitter.Sentence] {
        var sentences: [SentenceSplitter.Sentence] = []
        var current = ""
        var start = 0
        var offset = 0
        var previous: Character?
        var index = text.startIndex
        func trimmed(_ text: String) -> String {
            let isNoise: (Character) -> Bool = { $0.isWhitespace || $0 == "-" || $0 == "*" || $0 == "•" }
            let head = text.drop(while: isNoise)
            var end = head.endIndex
            while end > head.startIndex, head[head.index(before: end)].isWhitespace { end = head.index(before: end) }
            return String(head[..<end])
        }
        func continues(afterBreakAt index: String.Index) -> Bool {
            guard let last = current.last(where: { !$0.isWhitespace }), !".!?…:".contains(last) else { return false }
            if let lead = current.first(where: { !$0.isWhitespace }), "-*•#|>".contains(lead) { return false }
            let next = text[text.index(after: index)...].drop { $0 == " " || $0 == "\t" }
            guard let first = next.first, !first.isNewline, !"-*•#|>".contains(first) else { return false }
            if first.isNumber, let marker = next.drop(while: \.isNumber).first, marker == "." || marker == ")" { return false }
            return true
        }
        func flush() {
            let text = trimmed(current)
            if text.contains(where: \.isLetter) { sentences.append(.init(text: text, offset: start, end: index)) }
            current = ""
        }
        for character in text {
            if character.isNewline, !continues(afterBreakAt: index) {
                flush()
                start = offset + 1
            } else if character.isNewline {
                current.append(" ")
            } else if character.isWhitespace, let previous, ".!?…".contains(previous) {
                flush()
                start = offset + 1
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
            previous = character
            offset += 1
            text.formIndex(after: &index)
        }
        flush()
        return sentences
    }

    @Test("the project's documents and awkward snippets are cut exactly as the reference cuts them")
    func sameAsReference() throws {
        let root = BuildProducts.packageRoot
        let documents = ["README.md", "docs/api.md", "docs/ingestion.md", "docs/telegram.md", "docs/performance.md", "docs/deploy.md"]
            .map { root + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
        var texts = try documents.map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(texts.count >= 4)
        texts += [
            "", "\n\n", "Ends without a mark", "Wrapped line\r\nwith CRLF. And then\r\n- a list\r\n", "Один. Два!\nТри?\n\n# Заголовок\n",
            "  - indented item\n  continues here.\n1) first\n2. second", "Ellipsis… then more.\tTabbed. ", "trailing wrap\n",
            "a:\nb", "Number 3.14 stays. Yes.", "e\u{301}te\u{301}. Combining marks.",
        ]
        for text in texts {
            #expect(SentenceSplitter.sentences(in: text) == Self.reference(text))
        }
    }
}
