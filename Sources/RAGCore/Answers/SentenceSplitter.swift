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
        // The sentence being read is the text from `sentenceStart` up to `index`, its line
        // breaks read as spaces: sliced once when it ends, not built a character at a time.
        var sentenceStart: String.Index?
        var start = 0
        var wrapped = false
        var offset = 0
        var previous: Character?
        var index = text.startIndex
        func flush() {
            defer { (sentenceStart, wrapped) = (nil, false) }
            guard let from = sentenceStart else { return }
            let slice = text[from..<index]
            let trimmed =
                wrapped
                ? Substring(slice.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " "))
                    .trimmingWhitespaceAndBullets()
                : slice.trimmingWhitespaceAndBullets()
            if trimmed.contains(where: \.isLetter) {
                sentences.append(Sentence(text: trimmed, offset: start, end: index))
            }
        }
        for character in text {
            // Each Unicode property test is a table lookup per character: asked once, and
            // whitespace only after a sentence-ending mark.
            let isNewline = character.isNewline
            if isNewline, !(sentenceStart.map { Self.continuesSentence(text[$0..<index], afterBreakAt: index, in: text) } ?? false) {
                flush()
            } else if isNewline {
                wrapped = true
            } else if let previous, Self.endsSentence(previous), character.isWhitespace {
                flush()
            } else if sentenceStart == nil {
                sentenceStart = index
                start = offset
            }
            previous = character
            offset += 1
            text.formIndex(after: &index)
        }
        flush()
        return sentences
    }

    private static func endsSentence(_ character: Character) -> Bool {
        character.isOne(of: ".!?…")
    }

    /// Whether the line break at `index` merely wraps the sentence in `current`.
    private static func continuesSentence(_ current: Substring, afterBreakAt index: String.Index, in text: String) -> Bool {
        guard let last = current.last(where: { !$0.isWhitespace }), !last.isOne(of: ".!?…:") else { return false }
        // A list item or heading is one line.
        if let lead = current.first(where: { !$0.isWhitespace }), lead.isOne(of: "-*•#|>") { return false }
        let next = text[text.index(after: index)...].drop { $0.isOne(of: " \t") }
        guard let first = next.first, !first.isNewline, !first.isOne(of: "-*•#|>") else { return false }
        if first.isNumber, let marker = next.drop(while: \.isNumber).first, marker.isOne(of: ".)") { return false }
        return true
    }
}

extension Substring {
    /// Without surrounding whitespace and list markers (`-`, `*`, `•`).
    fileprivate func trimmingWhitespaceAndBullets() -> String {
        let isNoise: (Character) -> Bool = { $0.isWhitespace || $0.isOne(of: "-*•") }
        let head = drop(while: isNoise)
        var end = head.endIndex
        while end > head.startIndex, head[head.index(before: end)].isWhitespace {
            end = head.index(before: end)
        }
        return String(head[..<end])
    }
}

extension Character {
    /// Whether this character is exactly one of the single-scalar characters in `scalars`.
    ///
    /// Compared by scalar value: `==` between `Character`s is a string comparison, which
    /// normalizes every non-ASCII character first (most of the text here is Cyrillic), and
    /// none of the marks asked about has another canonical form.
    fileprivate func isOne(of scalars: String) -> Bool {
        let own = unicodeScalars
        guard let scalar = own.first, own.index(after: own.startIndex) == own.endIndex else { return false }
        return scalars.unicodeScalars.contains(scalar)
    }
}
