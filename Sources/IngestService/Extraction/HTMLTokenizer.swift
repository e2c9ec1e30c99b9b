/// A small, forgiving HTML tokenizer: enough of HTML to pull out text, headings, the title and
/// links from pages found in the wild, never failing on broken markup (a stray `<` is text, an
/// unclosed comment runs to the end). It is not a full HTML5 parser and builds no tree.
struct HTMLTokenizer {
    /// Elements whose content is not markup: read as one text token up to their end tag.
    static let rawTextElements: Set<String> = ["script", "style", "title", "textarea", "noscript", "xmp", "template"]

    private let source: String
    private var index: String.Index
    private var offset = 0
    private var line = 1
    /// Set after a raw-text start tag: the next token is its content, read up to its end tag.
    private var rawTextElement: String?

    init(_ source: String) {
        self.source = source
        index = source.startIndex
    }

    static func tokens(of source: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(source)
        var tokens: [HTMLToken] = []
        while let token = tokenizer.next() { tokens.append(token) }
        return tokens
    }

    private var isAtEnd: Bool { index >= source.endIndex }

    private mutating func advance() {
        if SourceLines.isLineBreak(source[index]) { line += 1 }
        index = source.index(after: index)
        offset += 1
    }

    /// Whether the source at the cursor starts with `text`, ignoring ASCII case.
    private func looksAt(_ text: String) -> Bool {
        var position = index
        for expected in text {
            guard position < source.endIndex, source[position].lowercased() == String(expected) else { return false }
            position = source.index(after: position)
        }
        return true
    }

    private mutating func skip(past terminator: String) {
        while !isAtEnd, !looksAt(terminator) { advance() }
        for _ in terminator where !isAtEnd { advance() }
    }

    mutating func next() -> HTMLToken? {
        while !isAtEnd {
            if let element = rawTextElement {
                rawTextElement = nil
                if let text = readRawText(of: element) { return text }
                continue
            }
            if source[index] == "<" {
                if looksAt("<!--") {
                    skip(past: "-->")
                    continue
                }
                if looksAt("<!") || looksAt("<?") {
                    skip(past: ">")
                    continue
                }
                if let tag = readTag() { return tag }
            }
            if let text = readText() { return text }
        }
        return nil
    }

    /// Text up to the next `<` that opens markup; `nil` when it is all whitespace.
    private mutating func readText() -> HTMLToken? {
        let start = index
        var first: (offset: Int, line: Int)?
        repeat {
            if first == nil, !source[index].isWhitespace { first = (offset, line) }
            advance()
        } while !isAtEnd && !(source[index] == "<" && opensMarkup())
        guard let first else { return nil }
        return HTMLToken(kind: .text(HTMLEntities.decode(source[start..<index])), charOffset: first.offset, line: first.line)
    }

    /// Whether the `<` at the cursor starts a tag, comment or declaration rather than being text.
    private func opensMarkup() -> Bool {
        let after = source.index(after: index)
        guard after < source.endIndex else { return false }
        let next = source[after]
        if next == "!" || next == "?" || next.isASCIILetter { return true }
        if next == "/" {
            let second = source.index(after: after)
            return second < source.endIndex && source[second].isASCIILetter
        }
        return false
    }

    private mutating func readTag() -> HTMLToken? {
        guard opensMarkup() else { return nil }
        let start = (offset, line)
        advance()  // <
        let isEnd = source[index] == "/"
        if isEnd { advance() }
        let name = readName()
        var attributes: [String: String] = [:]
        var isSelfClosing = false
        while !isAtEnd, source[index] != ">" {
            isSelfClosing = source[index] == "/"
            if source[index].isWhitespace || source[index] == "/" {
                advance()
                continue
            }
            let attribute = readName(stoppingAt: "=")
            skipWhitespace()
            var value = ""
            if !isAtEnd, source[index] == "=" {
                advance()
                skipWhitespace()
                value = readAttributeValue()
            }
            if !attribute.isEmpty, attributes[attribute] == nil { attributes[attribute] = value }
            isSelfClosing = false
        }
        if !isAtEnd { advance() }  // >
        if isEnd { return HTMLToken(kind: .endTag(name: name), charOffset: start.0, line: start.1) }
        let tag = HTMLToken(
            kind: .startTag(name: name, attributes: attributes), charOffset: start.0, line: start.1, isSelfClosing: isSelfClosing)
        if Self.rawTextElements.contains(name), !isSelfClosing { rawTextElement = name }
        return tag
    }

    /// Read the content of a raw-text element up to its end tag (left for the next token).
    private mutating func readRawText(of element: String) -> HTMLToken? {
        let start = index
        var first: (offset: Int, line: Int)?
        while !isAtEnd, !looksAt("</" + element) {
            if first == nil, !source[index].isWhitespace { first = (offset, line) }
            advance()
        }
        guard let first else { return nil }
        let raw = source[start..<index]
        let text = element == "title" || element == "textarea" ? HTMLEntities.decode(raw) : String(raw)
        return HTMLToken(kind: .text(text), charOffset: first.offset, line: first.line)
    }

    private mutating func readName(stoppingAt stop: Character? = nil) -> String {
        var name = ""
        while !isAtEnd {
            let character = source[index]
            if character.isWhitespace || character == ">" || character == "/" || character == stop { break }
            name.append(contentsOf: character.lowercased())
            advance()
        }
        return name
    }

    private mutating func readAttributeValue() -> String {
        guard !isAtEnd else { return "" }
        let quote = source[index]
        if quote == "\"" || quote == "'" {
            advance()
            let start = index
            while !isAtEnd, source[index] != quote { advance() }
            let value = source[start..<index]
            if !isAtEnd { advance() }
            return HTMLEntities.decode(value)
        }
        let start = index
        while !isAtEnd, !source[index].isWhitespace, source[index] != ">" { advance() }
        return HTMLEntities.decode(source[start..<index])
    }

    private mutating func skipWhitespace() {
        while !isAtEnd, source[index].isWhitespace { advance() }
    }
}
