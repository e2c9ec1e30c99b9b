/// Decodes HTML character references: numeric (`&#1055;`, `&#x41F;`) and the named ones that
/// appear in real pages. An unknown or broken reference stays as written.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "mdash": "—", "ndash": "–", "hellip": "…", "laquo": "«", "raquo": "»",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "bdquo": "\u{201E}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}",
        "bull": "•", "middot": "·", "sect": "§", "para": "¶", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "shy": "\u{AD}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "rArr": "⇒", "lArr": "⇐",
        "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈", "infin": "∞", "minus": "−", "micro": "µ", "frac12": "½",
        "iexcl": "¡", "iquest": "¿", "szlig": "ß", "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü",
        "eacute": "é", "egrave": "è", "agrave": "à", "ccedil": "ç", "ntilde": "ñ", "numero": "№",
    ]

    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let (decoded, end) = reference(in: text, at: index) else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            result += decoded
            index = end
        }
        return result
    }

    /// The reference starting at the `&` at `start` and the index after its `;`.
    private static func reference(in text: Substring, at start: String.Index) -> (String, String.Index)? {
        let body = text[text.index(after: start)...].prefix(32)
        guard let semicolon = body.firstIndex(of: ";") else { return nil }
        let name = body[body.startIndex..<semicolon]
        let end = text.index(after: semicolon)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32? =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value else { return nil }
            // NUL, surrogates and values beyond Unicode become the replacement character, as browsers do.
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(scalar ?? "\u{FFFD}"), end)
        }
        guard let decoded = named[String(name)] else { return nil }
        return (decoded, end)
    }
}
