/// Collects the text of one section at a time from text runs and line breaks, collapsing
/// whitespace as a browser would, and remembers where in the source each section starts.
struct SectionBuilder {
    private(set) var sections: [ExtractedSection] = []
    private var text = ""
    private var start: (offset: Int, line: Int)?
    /// 0: nothing pending, 1: a space, 2: a line break, 3: a paragraph break.
    private var pendingSeparator = 0

    mutating func space() { pendingSeparator = max(pendingSeparator, 1) }

    mutating func breakLine(paragraph: Bool) { pendingSeparator = max(pendingSeparator, paragraph ? 3 : 2) }

    mutating func append(_ run: String, preservingWhitespace: Bool, at offset: Int, line: Int) {
        for character in run {
            if character.isWhitespace, !preservingWhitespace {
                space()
                continue
            }
            if preservingWhitespace, SourceLines.isLineBreak(character) {
                breakLine(paragraph: false)
                continue
            }
            if text.isEmpty {
                if start == nil { start = (offset, line) }
            } else {
                switch pendingSeparator {
                case 1: text += " "
                case 2: text += "\n"
                case 3: text += "\n\n"
                default: break
                }
            }
            pendingSeparator = 0
            text.append(character)
        }
    }

    /// Ends the current section under `headingPath`, if it has any text.
    mutating func finish(headingPath: [String], page: Int? = nil) {
        if let start, !text.isEmpty {
            sections.append(
                ExtractedSection(headingPath: headingPath, text: text, charStart: start.offset, lineStart: start.line, page: page))
        }
        text = ""
        start = nil
        pendingSeparator = 0
    }
}
