/// A run of text under one heading path, with where it starts in the source.
public struct ExtractedSection: Sendable, Equatable {
    /// The headings above the text, outermost first; empty before the first heading.
    public var headingPath: [String]
    /// The readable text of the section. For plain text and Markdown it is the source slice
    /// itself (trimmed of surrounding blank lines), so offsets inside it are offsets in the source.
    public var text: String
    /// Where the text starts in the source, in `Character`s from its beginning.
    public var charStart: Int
    /// The 1-based line on which the text starts, for `#L10-L20` deep links.
    public var lineStart: Int
    /// The 1-based page of a paginated source (PDF), `nil` elsewhere.
    public var page: Int?
    /// Whether character offsets inside ``text`` map one to one onto the source (true for
    /// plain text and Markdown). Where markup was removed (HTML, wikitext, docx, pdf) only
    /// ``charStart`` is exact and the offsets of chunks inside the section are approximate.
    public var isVerbatim: Bool

    public init(headingPath: [String] = [], text: String, charStart: Int, lineStart: Int, page: Int? = nil, isVerbatim: Bool = false) {
        self.headingPath = headingPath
        self.text = text
        self.charStart = charStart
        self.lineStart = lineStart
        self.page = page
        self.isVerbatim = isVerbatim
    }
}
