/// Telegram's HTML parse mode: what must be escaped, and how to get plain text back when
/// Telegram refuses the markup.
public enum HTMLText {
    /// Escapes `&`, `<`, `>` and `"`, so user or document text can never open a tag or entity.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The text a reader sees: tags dropped, the four named and numeric entities decoded.
    /// Used to resend a message as plain text after `can't parse entities`.
    public static func plainText(_ html: String) -> String {
        var result = ""
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                index = html.index(after: close)
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
                let decoded = decodeEntity(String(html[html.index(after: index)..<semicolon]))
            {
                result.append(decoded)
                index = html.index(after: semicolon)
                continue
            }
            result.append(character)
            index = html.index(after: index)
        }
        return result
    }

    static func decodeEntity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    /// A link, its address and label escaped.
    public static func link(_ label: String, to url: String) -> String {
        "<a href=\"\(escape(url))\">\(escape(label))</a>"
    }

    /// Whether `url` is one Telegram turns into a working link.
    static func isLinkable(_ url: String) -> Bool {
        url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("tg://")
    }
}
