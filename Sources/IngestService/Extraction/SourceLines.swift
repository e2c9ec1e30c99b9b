/// The lines of a source text with where each starts, counted the way code hosts number lines
/// (a line ends at `\n`, `\r\n` or `\r`), and character offsets counted in `Character`s.
struct SourceLines {
    struct Line {
        /// The line without its line break.
        var text: Substring
        /// Offset of the line's first character in the whole text.
        var charStart: Int
        /// 1-based line number.
        var number: Int

        var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
    }

    let text: String
    let lines: [Line]

    init(_ text: String) {
        self.text = text
        var lines: [Line] = []
        var offset = 0
        var number = 1
        for piece in text.split(omittingEmptySubsequences: false, whereSeparator: Self.isLineBreak) {
            lines.append(Line(text: piece, charStart: offset, number: number))
            offset += piece.count + 1
            number += 1
        }
        self.lines = lines
    }

    static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    /// The verbatim source from the start of line `first` to the end of line `last` (indices into
    /// ``lines``), with where it starts.
    func slice(from first: Int, through last: Int) -> (text: String, charStart: Int, lineStart: Int) {
        let start = lines[first].text.startIndex
        let end = lines[last].text.endIndex
        return (String(text[start..<end]), lines[first].charStart, lines[first].number)
    }

    /// The section made of lines `range` with blank lines at both ends left out, or `nil` when
    /// they are all blank.
    func section(lines range: Range<Int>, headingPath: [String]) -> ExtractedSection? {
        guard let first = range.first(where: { !lines[$0].isBlank }),
            let last = range.last(where: { !lines[$0].isBlank })
        else { return nil }
        let slice = slice(from: first, through: last)
        return ExtractedSection(
            headingPath: headingPath, text: slice.text, charStart: slice.charStart, lineStart: slice.lineStart, isVerbatim: true)
    }
}
