/// Markdown: ATX (`## Install`) and setext (`Install` over `===`/`---`) headings become the
/// heading path; fenced code stays in the text (a `#` inside a fence is not a heading); YAML
/// front matter is dropped, its `title:` kept as the title. Section texts are verbatim source
/// slices, so chunk offsets and line numbers point into the file exactly.
enum MarkdownExtractor {
    static func document(from text: String) -> ExtractedDocument {
        let source = SourceLines(text)
        let lines = source.lines
        var sections: [ExtractedSection] = []
        var headings: [(level: Int, title: String)] = []
        var title: String?
        var bodyStart = 0
        var index = 0
        var fence: (marker: Character, length: Int)?

        if let frontMatter = frontMatterEnd(lines) {
            title = frontMatterTitle(lines[1..<frontMatter])
            index = frontMatter + 1
            bodyStart = index
        }

        func closeSection(before end: Int) {
            if bodyStart < end, let section = source.section(lines: bodyStart..<end, headingPath: headings.map(\.title)) {
                sections.append(section)
            }
        }
        func open(level: Int, heading: String) {
            headings.removeAll { $0.level >= level }
            headings.append((level, heading))
            if level == 1, title == nil { title = heading }
        }

        while index < lines.count {
            let line = lines[index].text
            if let open = fence {
                if let marker = fenceMarker(line), marker.marker == open.marker, marker.length >= open.length,
                    marker.rest.allSatisfy(\.isWhitespace)
                {
                    fence = nil
                }
                index += 1
                continue
            }
            if let marker = fenceMarker(line) {
                fence = (marker.marker, marker.length)
                index += 1
                continue
            }
            if let heading = atxHeading(line) {
                closeSection(before: index)
                open(level: heading.level, heading: heading.title)
                index += 1
                bodyStart = index
                continue
            }
            if let level = setextUnderlineLevel(line), index > bodyStart, !lines[index - 1].isBlank,
                atxHeading(lines[index - 1].text) == nil
            {
                // The heading is the paragraph right above the underline.
                var first = index - 1
                while first > bodyStart, !lines[first - 1].isBlank { first -= 1 }
                let heading = lines[first..<index].map { $0.text.trimmingWhitespace() }.joined(separator: " ")
                closeSection(before: first)
                open(level: level, heading: heading)
                index += 1
                bodyStart = index
                continue
            }
            index += 1
        }
        closeSection(before: lines.count)
        return ExtractedDocument(title: title, mime: DocumentFormat.markdown.mime, sections: sections)
    }

    /// The index of the closing `---` (or `...`) when the text opens with YAML front matter.
    private static func frontMatterEnd(_ lines: [SourceLines.Line]) -> Int? {
        guard let first = lines.first, first.text.trimmingWhitespace() == "---" else { return nil }
        return lines.indices.dropFirst().first { ["---", "..."].contains(lines[$0].text.trimmingWhitespace()) }
    }

    private static func frontMatterTitle(_ lines: ArraySlice<SourceLines.Line>) -> String? {
        for line in lines where line.text.hasPrefix("title:") {
            var value = line.text.dropFirst("title:".count).trimmingWhitespace()
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// A line indented at most three spaces, as in CommonMark.
    private static func unindented(_ line: Substring) -> Substring? {
        let indent = line.prefix { $0 == " " }.count
        return indent <= 3 ? line.dropFirst(indent) : nil
    }

    private static func fenceMarker(_ line: Substring) -> (marker: Character, length: Int, rest: Substring)? {
        guard let body = unindented(line), let marker = body.first, marker == "`" || marker == "~" else { return nil }
        let length = body.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        return (marker, length, body.dropFirst(length))
    }

    private static func atxHeading(_ line: Substring) -> (level: Int, title: String)? {
        guard let body = unindented(line), body.first == "#" else { return nil }
        let level = body.prefix { $0 == "#" }.count
        let rest = body.dropFirst(level)
        guard level <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingWhitespace()
        // An optional closing sequence of `#`s preceded by a space is not part of the title.
        let closing = title.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let withoutClosing = title.dropLast(closing)
            if withoutClosing.isEmpty || withoutClosing.last == " " { title = withoutClosing.trimmingWhitespace() }
        }
        return (level, title)
    }

    private static func setextUnderlineLevel(_ line: Substring) -> Int? {
        guard let body = unindented(line) else { return nil }
        let marks = body.trimmingWhitespace()
        guard let mark = marks.first, mark == "=" || mark == "-", marks.allSatisfy({ $0 == mark }) else { return nil }
        return mark == "=" ? 1 : 2
    }
}
