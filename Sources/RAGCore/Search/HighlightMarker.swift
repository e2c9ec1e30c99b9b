/// How a snippet marks the words that matched: text put before and after each one, and
/// whether the rest of the text must be HTML-escaped (Telegram's HTML parse mode needs
/// `<`, `>` and `&` escaped everywhere but in the markup).
public struct HighlightMarker: Sendable, Hashable {
    /// Put before a matched word.
    public var open: String
    /// Put after a matched word.
    public var close: String
    /// Whether `<`, `>`, `&` and `"` in the text are written as HTML entities.
    public var escapesHTML: Bool

    /// A marker with the given delimiters.
    public init(open: String, close: String, escapesHTML: Bool = false) {
        self.open = open
        self.close = close
        self.escapesHTML = escapesHTML
    }

    /// `«word»`, for plain text.
    public static let guillemets = HighlightMarker(open: "«", close: "»")
    /// `<b>word</b>` with the text HTML-escaped, for Telegram's HTML parse mode.
    public static let html = HighlightMarker(open: "<b>", close: "</b>", escapesHTML: true)

    /// `text` as it must appear in the output.
    func escape(_ text: some StringProtocol) -> String {
        guard escapesHTML else { return String(text) }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
