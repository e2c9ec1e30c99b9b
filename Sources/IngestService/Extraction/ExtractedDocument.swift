/// The readable content of one source file: an optional title and its text cut into sections
/// under their headings, ready for ``DocumentChunker``.
///
/// Offsets in the sections count Swift `Character`s (extended grapheme clusters, the unit of
/// `String.count` and of `DocumentChunk`'s `char_start`/`char_end`). For plain text, Markdown,
/// HTML and wikitext they point into the decoded source file, so a line range can deep-link into
/// it; for `.docx` and `.pdf` they point into the extracted plain text.
public struct ExtractedDocument: Sendable, Equatable {
    /// The document's own title (`<title>`, the first Markdown `#` heading, the docx core title,
    /// the wiki page name), if it has one.
    public var title: String?
    /// The MIME type of the source, e.g. `text/markdown`.
    public var mime: String
    public var sections: [ExtractedSection]

    public init(title: String? = nil, mime: String, sections: [ExtractedSection]) {
        self.title = title
        self.mime = mime
        self.sections = sections
    }

    /// All section texts joined by blank lines, e.g. to hash the content or to show it whole.
    public var plainText: String {
        sections.map(\.text).joined(separator: "\n\n")
    }
}
