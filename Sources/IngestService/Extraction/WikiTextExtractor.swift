/// Wikitext of a MediaWiki page as a document: `== Heading ==` lines build the heading path;
/// templates (`{{…}}`), references, comments, files and categories are dropped; links keep
/// their label; bold and italic quotes, list markers and HTML tags go; tables become their cell
/// text, roughly. Section offsets point into the page's wikitext.
public enum WikiTextExtractor {
    public static func document(from page: WikiPage) -> ExtractedDocument {
        let source = SourceLines(page.wikitext)
        let lines = source.lines
        var sections: [ExtractedSection] = []
        var headings: [(level: Int, title: String)] = []
        var bodyStart = 0

        func closeSection(before end: Int) {
            guard bodyStart < end, let first = (bodyStart..<end).first(where: { !lines[$0].isBlank }) else { return }
            let raw = source.slice(from: first, through: end - 1).text
            let text = WikiTextCleaner.clean(raw)
            guard !text.isEmpty else { return }
            sections.append(
                ExtractedSection(
                    headingPath: headings.map(\.title), text: text, charStart: lines[first].charStart, lineStart: lines[first].number))
        }

        for (index, line) in lines.enumerated() {
            guard let heading = heading(in: line.text) else { continue }
            closeSection(before: index)
            headings.removeAll { $0.level >= heading.level }
            headings.append(heading)
            bodyStart = index + 1
        }
        closeSection(before: lines.count)
        return ExtractedDocument(title: page.title, mime: "text/x-wiki", sections: sections)
    }

    /// `== Title ==` (level = the number of `=` on the shorter side).
    static func heading(in line: Substring) -> (level: Int, title: String)? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("="), trimmed.hasSuffix("="), trimmed.count >= 3 else { return nil }
        let leading = trimmed.prefix { $0 == "=" }.count
        let trailing = trimmed.reversed().prefix { $0 == "=" }.count
        let level = min(leading, trailing, 6)
        guard trimmed.count > 2 * level else { return nil }
        let inner = trimmed.dropFirst(level).dropLast(level)
        let title = WikiTextCleaner.clean(String(inner)).collapsingWhitespace()
        return title.isEmpty ? nil : (level, title)
    }
}
