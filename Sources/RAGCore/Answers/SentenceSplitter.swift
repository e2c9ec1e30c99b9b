/// Cuts text into sentences for the extractive answerer: at `.`, `!`, `?` or `…` followed
/// by a space, and at line breaks that start a new block (a blank line, a list item, a
/// heading, a table row; lists and headings rarely end with a period). A line break inside
/// a wrapped paragraph is only a space.
enum SentenceSplitter {
    /// One sentence, where it starts in the text (in characters), and where it ends.
    struct Sentence: Sendable, Equatable {
        var text: String
        var offset: Int
        /// The index just past the sentence's last character in the text.
        var end: String.Index
    }

    static func sentences(in text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        var current = ""
        var start = 0
        var offset = 0
        var previous: Character?
        var index = text.startIndex
        func flush() {
            let trimmed = current.trimmingWhitespaceAndBullets()
            if trimmed.contains(where: \.isLetter) {
                sentences.append(Sentence(text: trimmed, offset: start, end: index))
            }
            current = ""
        }
        for character in text {
            // Each Unicode property test is a table lookup per character: asked once, and
            // whitespace only after a sentence-ending mark.
            let isNewline = character.isNewline
            if isNewline, !Self.continuesSentence(current, afterBreakAt: index, in: text) {
                flush()
                start = offset + 1
            } else if isNewline {
                current.append(" ")
            } else if let previous, Self.endsSentence(previous), character.isWhitespace {
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

    private static func endsSentence(_ character: Character) -> Bool {
        character == "." || character == "!" || character == "?" || character == "…"
    }

    /// Whether the line break at `index` merely wraps the sentence in `current`.
    private static func continuesSentence(_ current: String, afterBreakAt index: String.Index, in text: String) -> Bool {
        guard let last = current.last(where: { !$0.isWhitespace }), !".!?…:".contains(last) else { return false }
        // A list item or heading is one line.
        if let lead = current.first(where: { !$0.isWhitespace }), "-*•#|>".contains(lead) { return false }
        let next = text[text.index(after: index)...].drop { $0 == " " || $0 == "\t" }
        guard let first = next.first, !first.isNewline, !"-*•#|>".contains(first) else { return false }
        if first.isNumber, let marker = next.drop(while: \.isNumber).first, marker == "." || marker == ")" { return false }
        return true
    }
}

extension String {
    /// Without surrounding whitespace and list markers (`-`, `*`, `•`).
    fileprivate func trimmingWhitespaceAndBullets() -> String {
        let isNoise: (Character) -> Bool = { $0.isWhitespace || $0 == "-" || $0 == "*" || $0 == "•" }
        let head = drop(while: isNoise)
        var end = head.endIndex
        while end > head.startIndex, head[head.index(before: end)].isWhitespace {
            end = head.index(before: end)
        }
        return String(head[..<end])
    }
}
