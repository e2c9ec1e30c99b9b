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

extension StringProtocol {
    /// The words of the text separated by single spaces.
    func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
