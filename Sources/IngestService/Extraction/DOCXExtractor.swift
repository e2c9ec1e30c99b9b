import Foundation

/// Word `.docx`: the paragraphs of `word/document.xml` in order; paragraphs styled as
/// headings (`Heading 1`…, by the style's built-in name, so localised style ids work too) or
/// with an outline level build the heading path; the title comes from `docProps/core.xml`,
/// else the paragraph styled `Title`. Offsets count in the extracted text, which is the
/// non-empty paragraphs joined by blank lines.
enum DOCXExtractor {
    static let limits = ArchiveLimits(maxEntries: 5_000, maxTotalBytes: 512 << 20, maxEntryBytes: 128 << 20)

    static func document(from data: Data) throws(ExtractionError) -> ExtractedDocument {
        let archive: ZipArchiveReader
        do {
            archive = try ZipArchiveReader(data: data, limits: limits)
        } catch {
            throw extractionError(error)
        }
        guard let body = archive.entry(at: "word/document.xml") else { throw .malformed("a .docx without word/document.xml") }
        let paragraphs: [DOCXParagraph]
        var headingStyles: [String: Int] = [:]
        var title: String?
        do {
            if let styles = archive.entry(at: "word/styles.xml") {
                headingStyles = DOCXStylesParser.headingLevels(in: try archive.read(styles))
            }
            if let core = archive.entry(at: "docProps/core.xml") {
                title = DOCXCorePropertiesParser.title(in: try archive.read(core))
            }
            guard let parsed = DOCXBodyParser.paragraphs(in: try archive.read(body)) else {
                throw ExtractionError.malformed("word/document.xml is not well-formed XML")
            }
            paragraphs = parsed
        } catch let error as ArchiveError {
            throw extractionError(error)
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .malformed(String(describing: error))
        }

        var builder = SectionBuilder()
        var headings: [(level: Int, title: String)] = []
        var offset = 0
        var line = 1
        for paragraph in paragraphs {
            let text = paragraph.text.trimmingWhitespace()
            guard !text.isEmpty else { continue }
            defer {
                offset += text.count + 2
                line += text.count(where: SourceLines.isLineBreak) + 2
            }
            if paragraph.style.map({ $0.lowercased() == "title" || headingStyles[$0] == 0 }) == true {
                if title == nil { title = text.collapsingWhitespace() }
                continue
            }
            if let level = paragraph.outlineLevel ?? paragraph.style.flatMap({ headingStyles[$0] ?? headingLevel(styleID: $0) }) {
                builder.finish(headingPath: headings.map(\.title))
                headings.removeAll { $0.level >= level }
                headings.append((level, text.collapsingWhitespace()))
                continue
            }
            builder.breakLine(paragraph: true)
            builder.append(text, preservingWhitespace: false, at: offset, line: line)
        }
        builder.finish(headingPath: headings.map(\.title))
        let documentTitle = title ?? headings.first?.title
        return ExtractedDocument(title: documentTitle, mime: DocumentFormat.docx.mime, sections: builder.sections)
    }

    /// `Heading1` … `Heading9`, the ids Word gives its built-in heading styles in English documents.
    static func headingLevel(styleID: String) -> Int? {
        let lowered = styleID.lowercased()
        guard lowered.hasPrefix("heading"), let level = Int(lowered.dropFirst("heading".count)), (1...9).contains(level) else {
            return nil
        }
        return level
    }

    static func extractionError(_ error: ArchiveError) -> ExtractionError {
        switch error {
        case .tooManyEntries, .tooLarge, .compressionRatioTooHigh, .entryTooLarge, .entryLargerThanDeclared:
            .tooLarge(error.description)
        case .unreadable, .corruptEntry:
            .malformed(error.description)
        }
    }
}
