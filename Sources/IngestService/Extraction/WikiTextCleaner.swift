import Foundation

/// Turns a run of wikitext into readable text. Rough by design: it handles the markup that
/// carries no content (templates, references, comments, files, categories) and the markup
/// around content (links, quotes, lists, tables, tags); rare constructs may leave some marks.
enum WikiTextCleaner {
    /// Link prefixes for files and categories in English and Russian wikis: dropped whole.
    static let droppedLinkPrefixes = ["file:", "image:", "category:", "media:", "файл:", "изображение:", "категория:"]

    static func clean(_ wikitext: String) -> String {
        var text = removeDelimited(wikitext, open: "<!--", close: "-->", nests: false)
        text = removeReferences(text)
        text = removeDelimited(text, open: "{{", close: "}}", nests: true)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: SourceLines.isLineBreak).compactMap(cleanLine)
        text = lines.joined(separator: "\n")
        text = replaceInternalLinks(text)
        text = replaceExternalLinks(text)
        text = removeTags(text)
        text = HTMLEntities.decode(Substring(text))
        text = text.replacingAll("'''''", with: "").replacingAll("'''", with: "").replacingAll("''", with: "")
        for word in ["__TOC__", "__NOTOC__", "__FORCETOC__", "__NOEDITSECTION__"] { text = text.replacingAll(word, with: "") }
        // Collapse runs of blank lines left by removed blocks.
        var result: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: SourceLines.isLineBreak) {
            let isBlank = line.allSatisfy(\.isWhitespace)
            if isBlank, result.last?.allSatisfy(\.isWhitespace) ?? true { continue }
            result.append(isBlank ? "" : line)
        }
        return result.joined(separator: "\n").trimmingWhitespace()
    }

    /// One line: list markers and table syntax stripped, `nil` for lines that are only markup.
    private static func cleanLine(_ line: Substring) -> String? {
        var body = line.trimmingWhitespace()
        if body.hasPrefix("{|") || body.hasPrefix("|}") || body.hasPrefix("|-") || body == "----" || body.hasPrefix("|+") && body.count == 2
        {
            return nil
        }
        if body.hasPrefix("|") || body.hasPrefix("!") {
            // Table cells: `| a || b`, `! h !! h`, each optionally `attributes | content`.
            let cells = body.dropFirst().replacingAll("!!", with: "||").components(separatedBy: "||").map { cell in
                let parts = cell.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                let content = parts.count == 2 && parts[0].contains("=") && !parts[0].contains("[[") ? parts[1] : Substring(cell)
                return content.trimmingWhitespace()
            }
            body = cells.filter { !$0.isEmpty }.joined(separator: " ")
        }
        let marker = body.prefix { "*#:;".contains($0) }.count
        if marker > 0 { body = body.dropFirst(marker).trimmingWhitespace() }
        return body
    }

    /// Removes `open`…`close` spans; with `nests`, inner pairs are counted.
    static func removeDelimited(_ text: String, open: String, close: String, nests: Bool) -> String {
        guard text.contains(open) else { return text }
        var result = ""
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix(open), nests || depth == 0 {
                depth += 1
                index = text.index(index, offsetBy: open.count)
                continue
            }
            if depth > 0, rest.hasPrefix(close) {
                depth -= 1
                index = text.index(index, offsetBy: close.count)
                continue
            }
            if depth == 0 { result.append(text[index]) }
            index = text.index(after: index)
        }
        return result
    }

    /// Drops `<ref …>…</ref>` and `<ref … />`.
    private static func removeReferences(_ text: String) -> String {
        guard text.range(of: "<ref", options: .caseInsensitive) != nil else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "<ref", options: .caseInsensitive) {
            result += rest[..<start.lowerBound]
            let afterName = rest[start.upperBound...]
            guard let tagEnd = afterName.firstIndex(of: ">") else {
                rest = afterName
                break
            }
            if afterName[..<tagEnd].hasSuffix("/") {
                rest = afterName[afterName.index(after: tagEnd)...]
            } else if let close = afterName.range(of: "</ref>", options: .caseInsensitive) {
                rest = afterName[close.upperBound...]
            } else {
                rest = afterName[afterName.index(after: tagEnd)...]
            }
        }
        return result + rest
    }

    /// `[[Target|label]]` → label, `[[Target]]` → Target, files and categories dropped.
    private static func replaceInternalLinks(_ text: String) -> String {
        guard text.contains("[[") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index...].hasPrefix("[["), let end = matchingClose(in: text, from: index) else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            let inner = String(text[text.index(index, offsetBy: 2)..<end])
            let lowered = inner.trimmingWhitespace().lowercased()
            if !droppedLinkPrefixes.contains(where: { lowered.hasPrefix($0) || lowered.hasPrefix(":" + $0) }) {
                let label = inner.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? inner
                result += replaceInternalLinks(label.hasPrefix(":") ? String(label.dropFirst()) : label)
            }
            index = text.index(end, offsetBy: 2)
        }
        return result
    }

    /// The `]]` closing the `[[` at `start`, counting nested links (file captions hold links).
    private static func matchingClose(in text: String, from start: String.Index) -> String.Index? {
        var depth = 0
        var index = start
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("[[") {
                depth += 1
                index = text.index(index, offsetBy: 2)
            } else if rest.hasPrefix("]]") {
                depth -= 1
                if depth == 0 { return index }
                index = text.index(index, offsetBy: 2)
            } else {
                index = text.index(after: index)
            }
        }
        return nil
    }

    /// `[https://example.com label]` → label; a bare `[https://example.com]` goes.
    private static func replaceExternalLinks(_ text: String) -> String {
        guard text.contains("[http") || text.contains("[//") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard after.hasPrefix("http://") || after.hasPrefix("https://") || after.hasPrefix("//"),
                let close = after.firstIndex(of: "]"), !after[..<close].contains("\n")
            else {
                result += "["
                rest = after
                continue
            }
            let inner = after[..<close]
            if let space = inner.firstIndex(of: " ") { result += inner[inner.index(after: space)...] }
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }

    /// HTML-like tags (`<br>`, `<span …>`, `</div>`) removed, their content kept.
    private static func removeTags(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "<", next < text.endIndex, text[next].isASCIILetter || text[next] == "/",
                let close = text[next...].firstIndex(of: ">"), !text[next..<close].contains("\n")
            {
                let name = text[next..<close].drop { $0 == "/" }.prefix { $0.isASCIILetter }.lowercased()
                if name == "br" || name == "p" || name == "div" { result += "\n" }
                index = text.index(after: close)
                continue
            }
            result.append(character)
            index = next
        }
        return result
    }
}

extension StringProtocol {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return String(self) }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
