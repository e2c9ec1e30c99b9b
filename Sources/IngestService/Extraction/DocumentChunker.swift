import Wire

/// Cuts an ``ExtractedDocument`` into the chunks `rag.put_document` stores: never across a
/// section (heading) boundary, preferring paragraph breaks, then sentence ends, then spaces;
/// about `targetLength` characters each, consecutive chunks of one section sharing about
/// `overlap` characters so a sentence cut at a boundary is still found whole on one side.
/// A chunk's text is the section text between its offsets, so it can be shown and deep-linked;
/// a chunk whose text repeats an earlier one of the same document (boilerplate, repeated
/// disclaimers) is left out, since storing it twice only skews ranking.
public enum DocumentChunker {
    public static func chunks(of document: ExtractedDocument, targetLength: Int = 800, overlap: Int = 100) -> [DocumentChunk] {
        let target = max(targetLength, 1)
        let overlap = min(max(overlap, 0), target / 2)
        var seen: Set<String> = []
        var chunks: [DocumentChunk] = []
        for section in document.sections {
            for span in chunkSpans(of: section.text, targetLength: target, overlap: overlap) {
                let text = String(section.text[span.start..<span.end])
                guard seen.insert(text).inserted else { continue }
                chunks.append(
                    DocumentChunk(
                        headingPath: section.headingPath, text: text,
                        charStart: section.charStart + span.startOffset, charEnd: section.charStart + span.endOffset))
            }
        }
        return chunks
    }

    /// A range of the section text with its offsets in `Character`s from the section start.
    struct TextSpan: Equatable {
        var start: String.Index
        var end: String.Index
        var startOffset: Int
        var endOffset: Int
        var length: Int { endOffset - startOffset }
    }

    static func chunkSpans(of text: String, targetLength: Int, overlap: Int) -> [TextSpan] {
        let pieces = paragraphs(of: text).flatMap { paragraph in
            paragraph.length <= targetLength
                ? [paragraph]
                : sentences(in: paragraph, of: text).flatMap { sentence in
                    sentence.length <= targetLength ? [sentence] : words(in: sentence, of: text, targetLength: targetLength)
                }
        }
        var spans: [TextSpan] = []
        var next = 0
        var carried: (index: String.Index, offset: Int)?
        while next < pieces.count {
            var span = pieces[next]
            if let carried {
                span.start = carried.index
                span.startOffset = carried.offset
            }
            next += 1
            while next < pieces.count, pieces[next].endOffset - span.startOffset <= targetLength {
                span.end = pieces[next].end
                span.endOffset = pieces[next].endOffset
                next += 1
            }
            spans.append(span)
            carried = next < pieces.count && overlap > 0 ? overlapStart(of: span, in: text, overlap: overlap) : nil
        }
        return spans
    }

    /// Where the overlap carried into the next chunk begins: the first word start within the
    /// last `overlap` characters of `span`, or `nil` when that tail holds no word start.
    private static func overlapStart(of span: TextSpan, in text: String, overlap: Int) -> (index: String.Index, offset: Int)? {
        let distance = min(overlap, span.length - 1)
        guard distance > 0 else { return nil }
        var index = text.index(span.end, offsetBy: -distance)
        var offset = span.endOffset - distance
        while index < span.end {
            let previous = text.index(before: index)
            if text[previous].isWhitespace, !text[index].isWhitespace { return (index, offset) }
            index = text.index(after: index)
            offset += 1
        }
        return nil
    }

    /// Runs of non-blank lines.
    static func paragraphs(of text: String) -> [TextSpan] {
        let lines = SourceLines(text).lines
        var spans: [TextSpan] = []
        var current: TextSpan?
        for line in lines {
            if line.isBlank {
                if let paragraph = current { spans.append(paragraph) }
                current = nil
                continue
            }
            let lineEnd = line.charStart + line.text.count
            if current == nil {
                current = TextSpan(start: line.text.startIndex, end: line.text.endIndex, startOffset: line.charStart, endOffset: lineEnd)
            } else {
                current?.end = line.text.endIndex
                current?.endOffset = lineEnd
            }
        }
        if let paragraph = current { spans.append(paragraph) }
        return spans
    }

    /// The sentences of `span`: cut after `.`, `!`, `?` or `…` followed by whitespace, the
    /// whitespace between them left out.
    static func sentences(in span: TextSpan, of text: String) -> [TextSpan] {
        split(span, of: text) { character, next in
            ".!?…".contains(character) && (next?.isWhitespace ?? true)
        }
    }

    /// Groups of whole words no longer than `targetLength`; a longer word is cut hard.
    static func words(in span: TextSpan, of text: String, targetLength: Int) -> [TextSpan] {
        let words = split(span, of: text) { _, next in next?.isWhitespace ?? true }
        var groups: [TextSpan] = []
        for word in words.flatMap({ hardCut($0, of: text, length: targetLength) }) {
            if var group = groups.last, word.endOffset - group.startOffset <= targetLength {
                group.end = word.end
                group.endOffset = word.endOffset
                groups[groups.count - 1] = group
            } else {
                groups.append(word)
            }
        }
        return groups
    }

    private static func hardCut(_ span: TextSpan, of text: String, length: Int) -> [TextSpan] {
        guard span.length > length else { return [span] }
        var pieces: [TextSpan] = []
        var start = span.start
        var offset = span.startOffset
        while offset < span.endOffset {
            let take = min(length, span.endOffset - offset)
            let end = text.index(start, offsetBy: take)
            pieces.append(TextSpan(start: start, end: end, startOffset: offset, endOffset: offset + take))
            start = end
            offset += take
        }
        return pieces
    }

    /// Cuts `span` after every character for which `isBoundary(character, next)` holds
    /// (`next` is `nil` at the end of the span), dropping whitespace between the pieces.
    private static func split(_ span: TextSpan, of text: String, isBoundary: (Character, Character?) -> Bool) -> [TextSpan] {
        var pieces: [TextSpan] = []
        var pieceStart: (index: String.Index, offset: Int)?
        var index = span.start
        var offset = span.startOffset
        while index < span.end {
            let character = text[index]
            let after = text.index(after: index)
            if pieceStart == nil, !character.isWhitespace { pieceStart = (index, offset) }
            if let start = pieceStart, isBoundary(character, after < span.end ? text[after] : nil) {
                pieces.append(TextSpan(start: start.index, end: after, startOffset: start.offset, endOffset: offset + 1))
                pieceStart = nil
            }
            index = after
            offset += 1
        }
        if let start = pieceStart {
            pieces.append(TextSpan(start: start.index, end: span.end, startOffset: start.offset, endOffset: span.endOffset))
        }
        return pieces
    }
}
