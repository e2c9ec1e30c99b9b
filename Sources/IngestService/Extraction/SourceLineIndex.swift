/// Maps character offsets in a source text to 1-based line numbers, so a chunk's
/// `char_start`/`char_end` become a `#L10-L20` deep link into the file on its host.
public struct SourceLineIndex: Sendable {
    /// The character offset at which each line starts; the first is always 0.
    private let lineStarts: [Int]

    public init(text: String) {
        var starts = [0]
        var offset = 0
        for character in text {
            offset += 1
            if SourceLines.isLineBreak(character) { starts.append(offset) }
        }
        lineStarts = starts
    }

    /// The 1-based line holding the character at `offset` (offsets past the end give the last line).
    public func line(atCharacterOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The lines spanned by the characters `start..<end`, e.g. for `#L12-L19`.
    public func lines(charStart start: Int, charEnd end: Int) -> ClosedRange<Int> {
        let first = line(atCharacterOffset: start)
        let last = line(atCharacterOffset: max(start, end - 1))
        return first...max(first, last)
    }
}
