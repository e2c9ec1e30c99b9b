/// Telegram's HTML parse mode as the fake server enforces it: the supported tags only,
/// properly nested and closed, the four named entities and numeric ones, and the 4096-character
/// limit counted on the text after parsing. Errors carry Telegram's wording.
public enum FakeTelegramHTML {
    public static let supportedTags: Set<String> = [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span", "tg-spoiler", "blockquote", "tg-emoji",
    ]
    public static let maxLength = 4096

    /// The visible text of `html`, or Telegram's error description.
    public static func parse(_ html: String) -> Result<String, ParseError> {
        var text = ""
        var stack: [String] = []
        let scalars = Array(html.unicodeScalars)
        var index = 0
        func offset() -> Int { String(String.UnicodeScalarView(scalars[0..<index])).utf8.count }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<" {
                guard let end = scalars[index...].firstIndex(of: ">") else {
                    return .failure(.init("Bad Request: can't parse entities: Unclosed start tag at byte offset \(offset())"))
                }
                let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                if inner.hasPrefix("/") {
                    let name = String(inner.dropFirst()).lowercased().filter { !$0.isWhitespace }
                    guard let open = stack.last else {
                        return .failure(.init("Bad Request: can't parse entities: Unexpected end tag at byte offset \(offset())"))
                    }
                    guard open == name else {
                        return .failure(
                            .init(
                                "Bad Request: can't parse entities: Unmatched end tag at byte offset \(offset()), expected \"</\(open)>\", found \"</\(name)>\""
                            ))
                    }
                    stack.removeLast()
                } else {
                    let name = String(inner.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                    guard supportedTags.contains(name) else {
                        return .failure(
                            .init("Bad Request: can't parse entities: Unsupported start tag \"\(name)\" at byte offset \(offset())"))
                    }
                    if name == "a", !inner.contains("href=\"") {
                        return .failure(
                            .init("Bad Request: can't parse entities: Tag \"a\" must have attribute \"href\" at byte offset \(offset())"))
                    }
                    stack.append(name)
                }
                index = end + 1
            } else if scalar == "&" {
                guard let end = scalars[index...].prefix(12).firstIndex(of: ";") else {
                    return .failure(.init("Bad Request: can't parse entities: Unsupported HTML entity at byte offset \(offset())"))
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                guard let decoded = decode(name) else {
                    return .failure(
                        .init("Bad Request: can't parse entities: Unsupported HTML entity \"&\(name);\" at byte offset \(offset())"))
                }
                text.unicodeScalars.append(decoded)
                index = end + 1
            } else {
                text.unicodeScalars.append(scalar)
                index += 1
            }
        }
        if let open = stack.last {
            return .failure(.init("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"\(open)\""))
        }
        return .success(text)
    }

    /// Telegram's checks of a message text: parsed (HTML) or as is, not empty, not too long.
    public static func check(_ text: String, html: Bool) -> Result<String, ParseError> {
        let visible: String
        switch html ? parse(text) : .success(text) {
        case .success(let parsed): visible = parsed
        case .failure(let error): return .failure(error)
        }
        if visible.allSatisfy(\.isWhitespace) { return .failure(.init("Bad Request: message text is empty")) }
        if visible.utf16.count > maxLength { return .failure(.init("Bad Request: message is too long")) }
        return .success(visible)
    }

    static func decode(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    public struct ParseError: Error, Equatable, Sendable {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
