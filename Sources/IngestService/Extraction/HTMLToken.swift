/// One piece of an HTML source as ``HTMLTokenizer`` reads it, with where it starts.
struct HTMLToken: Equatable {
    enum Kind: Equatable {
        /// Text between tags with character references decoded. The contents of raw-text
        /// elements (`script`, `style`, `title`, …) arrive as one text token.
        case text(String)
        /// A start tag; the name and attribute names are lower-cased, values decoded.
        case startTag(name: String, attributes: [String: String])
        case endTag(name: String)
    }

    var kind: Kind
    /// For text, the first character that is not whitespace; for tags, the `<`. In `Character`s.
    var charOffset: Int
    /// The 1-based line of ``charOffset``.
    var line: Int
    /// A start tag written `<tag … />`, which has no content.
    var isSelfClosing = false
}
