/// Cuts HTML longer than Telegram's 4096-character limit into parts that are each valid on
/// their own: cut on a paragraph, else a line, else a word boundary, never inside a tag or an
/// entity; tags open at a cut are closed at the end of the part and reopened (with the same
/// attributes) at the start of the next.
///
/// Lengths are counted in UTF-16 code units of the raw HTML, which is never less than what
/// Telegram counts (the text after entity parsing), so a part that fits here fits there.
public struct MessageSplitter: Sendable {
    public var limit: Int

    public init(limit: Int = 4096) {
        self.limit = limit
    }

    /// One piece of the markup: a character of text, an entity, or a tag.
    enum Token: Equatable {
        case text(Character)
        case entity(String)
        case open(name: String, raw: String)
        case close(name: String, raw: String)

        var raw: String {
            switch self {
            case .text(let character): String(character)
            case .entity(let raw), .open(_, let raw), .close(_, let raw): raw
            }
        }

        var length: Int { raw.utf16.count }
    }

    /// How good a place to cut is; higher is better.
    enum Boundary: Int, Comparable {
        case anywhere = 0, word, line, paragraph
        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public func split(_ html: String) -> [String] {
        guard html.utf16.count > limit else { return [html] }
        var tokens = Self.tokenize(html)[...]
        var parts: [String] = []
        var reopen: [Token] = []
        while !tokens.isEmpty {
            let (part, rest, stillOpen) = nextPart(prefix: reopen, tokens: tokens)
            let text = part.map(\.raw).joined()
            if !HTMLText.plainText(text).allSatisfy(\.isWhitespace) {
                parts.append(text)
            }
            tokens = rest
            reopen = stillOpen
            // Drop the whitespace the cut was made on.
            while let first = tokens.first, case .text(let character) = first, character.isWhitespace {
                tokens = tokens.dropFirst()
            }
        }
        return parts
    }

    /// The longest good part from `tokens` (after the `prefix` of reopened tags): its tokens with
    /// closing tags added, what is left, and the tags to reopen.
    private func nextPart(prefix: [Token], tokens: ArraySlice<Token>) -> (part: [Token], rest: ArraySlice<Token>, reopen: [Token]) {
        var stack = prefix
        var used = prefix.reduce(0) { $0 + $1.length }
        var best: (index: Int, boundary: Boundary, stack: [Token])?
        var index = tokens.startIndex
        var previous: Token?
        while index < tokens.endIndex {
            let token = tokens[index]
            var nextStack = stack
            switch token {
            case .open: nextStack.append(token)
            case .close(let name, _):
                if let last = nextStack.lastIndex(where: { if case .open(name, _) = $0 { true } else { false } }) {
                    nextStack.remove(at: last)
                }
            default: break
            }
            let closing = Self.closers(for: nextStack).reduce(0) { $0 + $1.length }
            if used + token.length + closing > limit { break }
            used += token.length
            stack = nextStack
            index = tokens.index(after: index)
            // A cut after this token: rate the boundary.
            let boundary: Boundary
            switch (previous, token) {
            case (.text("\n"), .text("\n")): boundary = .paragraph
            case (_, .text("\n")): boundary = .line
            case (_, .text(let character)) where character.isWhitespace: boundary = .word
            default: boundary = .anywhere
            }
            if best == nil || boundary >= best!.boundary {
                best = (index, boundary, stack)
            }
            previous = token
        }
        if index == tokens.endIndex {
            return (prefix + Array(tokens) + Self.closers(for: stack), tokens[tokens.endIndex...], [])
        }
        guard let cut = best, cut.index > tokens.startIndex else {
            // Not even one token fits after the reopened tags: emit it alone, unwrapped.
            let first = tokens.startIndex
            return ([tokens[first]], tokens[tokens.index(after: first)...], prefix)
        }
        let body = prefix + Array(tokens[tokens.startIndex..<cut.index])
        return (body + Self.closers(for: cut.stack), tokens[cut.index...], cut.stack)
    }

    /// Closing tags for `stack`, innermost first.
    static func closers(for stack: [Token]) -> [Token] {
        stack.reversed().compactMap {
            if case .open(let name, _) = $0 { .close(name: name, raw: "</\(name)>") } else { nil }
        }
    }

    static func tokenize(_ html: String) -> [Token] {
        var tokens: [Token] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let end = html[index...].firstIndex(of: ">") {
                let raw = String(html[index...end])
                let inner = raw.dropFirst().dropLast()
                if inner.hasPrefix("/") {
                    tokens.append(.close(name: String(inner.dropFirst()).trimmingWhitespace.lowercased(), raw: raw))
                } else {
                    let name = inner.prefix { !$0.isWhitespace }.lowercased()
                    tokens.append(.open(name: name, raw: raw))
                }
                index = html.index(after: end)
            } else if character == "&", let end = html[index...].prefix(12).firstIndex(of: ";") {
                tokens.append(.entity(String(html[index...end])))
                index = html.index(after: end)
            } else {
                tokens.append(.text(character))
                index = html.index(after: index)
            }
        }
        return tokens
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
