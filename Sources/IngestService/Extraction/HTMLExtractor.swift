/// HTML: visible text in paragraphs, `h1`…`h6` as the heading path, `<title>` (or the first
/// `h1`) as the title. Scripts, styles, templates, `noscript`, inline SVG and navigation bars are
/// dropped: they are code or the same menu on every page, not content.
enum HTMLExtractor {
    static let droppedElements: Set<String> = ["script", "style", "noscript", "template", "svg", "nav"]
    static let paragraphElements: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "ul", "ol", "table",
        "form", "fieldset", "figure", "figcaption", "dl", "hr", "address", "details", "summary", "body",
    ]
    static let lineElements: Set<String> = ["br", "li", "dt", "dd", "tr", "caption", "option"]
    static let cellElements: Set<String> = ["td", "th"]
    /// Elements that never have an end tag, so they must not open a dropped region.
    static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"]

    static func document(from html: String) -> ExtractedDocument {
        var builder = SectionBuilder()
        var title: String?
        var firstHeading: String?
        var dropped: [String] = []
        var inTitle = false
        var preDepth = 0
        var heading: (level: Int, text: String)?
        var headings: [(level: Int, title: String)] = []

        for token in HTMLTokenizer.tokens(of: html) {
            switch token.kind {
            case .startTag(let name, _):
                if name == "title" { inTitle = true }
                if droppedElements.contains(name), !token.isSelfClosing, !voidElements.contains(name) {
                    dropped.append(name)
                    continue
                }
                guard dropped.isEmpty else { continue }
                if let level = headingLevel(name) {
                    builder.finish(headingPath: headings.map(\.title))
                    heading = (level, "")
                } else if name == "pre" {
                    preDepth += 1
                    builder.breakLine(paragraph: true)
                } else if paragraphElements.contains(name) {
                    builder.breakLine(paragraph: true)
                } else if lineElements.contains(name) {
                    builder.breakLine(paragraph: false)
                } else if cellElements.contains(name) {
                    builder.space()
                }
            case .endTag(let name):
                if name == "title" { inTitle = false }
                if let last = dropped.lastIndex(of: name) {
                    dropped.removeSubrange(last...)
                    continue
                }
                guard dropped.isEmpty else { continue }
                if let level = headingLevel(name), let open = heading {
                    let text = open.text.collapsingWhitespace()
                    heading = nil
                    if !text.isEmpty {
                        headings.removeAll { $0.level >= open.level }
                        headings.append((open.level, text))
                        if firstHeading == nil, level == 1 { firstHeading = text }
                    }
                } else if name == "pre" {
                    preDepth = max(0, preDepth - 1)
                    builder.breakLine(paragraph: true)
                } else if paragraphElements.contains(name) || name == "li" || name == "tr" {
                    builder.breakLine(paragraph: paragraphElements.contains(name))
                }
            case .text(let text):
                if inTitle {
                    if title == nil { title = text.collapsingWhitespace() }
                    continue
                }
                guard dropped.isEmpty else { continue }
                if heading != nil {
                    heading?.text += text + " "
                } else {
                    builder.append(text, preservingWhitespace: preDepth > 0, at: token.charOffset, line: token.line)
                }
            }
        }
        builder.finish(headingPath: headings.map(\.title))
        let documentTitle = title.flatMap { $0.isEmpty ? nil : $0 } ?? firstHeading
        return ExtractedDocument(title: documentTitle, mime: DocumentFormat.html.mime, sections: builder.sections)
    }

    private static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let level = Int(name.dropFirst()), (1...6).contains(level) else { return nil }
        return level
    }
}
