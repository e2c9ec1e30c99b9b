/// Plain text: one section holding the whole text; the chunker finds the paragraphs.
enum PlainTextExtractor {
    static func document(from text: String) -> ExtractedDocument {
        let source = SourceLines(text)
        let sections = source.section(lines: 0..<source.lines.count, headingPath: []).map { [$0] } ?? []
        return ExtractedDocument(title: nil, mime: DocumentFormat.text.mime, sections: sections)
    }
}
