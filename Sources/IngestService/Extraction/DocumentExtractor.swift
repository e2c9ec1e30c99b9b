import Foundation

/// Turns one file's bytes into an ``ExtractedDocument``, choosing the reader by extension
/// (then MIME type): text, Markdown, HTML, Word `.docx`, and PDF through poppler's `pdftotext`.
/// Each failure is an ``ExtractionError`` that reads as the item's reason, so one bad file
/// never fails a whole archive.
public struct DocumentExtractor: Sendable {
    /// The `pdftotext` executable, `nil` when it was not found.
    public let pdftotextPath: String?
    /// How long `pdftotext` may run on one file.
    public var pdfTimeout: Duration

    /// - Parameter pdftotextPath: where `pdftotext` is; `nil` looks for it on `PATH`.
    public init(pdftotextPath: String? = nil, pdfTimeout: Duration = .seconds(60)) {
        let pdf = PDFTextExtractor(configuredPath: pdftotextPath, timeout: pdfTimeout)
        self.pdftotextPath = pdf.executablePath
        self.pdfTimeout = pdfTimeout
    }

    public func extract(_ data: Data, fileName: String, mime: String?) async throws(ExtractionError) -> ExtractedDocument {
        guard let format = DocumentFormat.detect(fileName: fileName, mime: mime) else {
            throw .unsupportedFormat(DocumentFormat.fileExtension(of: fileName))
        }
        switch format {
        case .text:
            return PlainTextExtractor.document(from: try SourceTextDecoding.decode(data))
        case .markdown:
            return MarkdownExtractor.document(from: try SourceTextDecoding.decode(data))
        case .html:
            return HTMLExtractor.document(from: try SourceTextDecoding.decode(data))
        case .docx:
            return try DOCXExtractor.document(from: data)
        case .pdf:
            // Resolved once in `init`; an explicit path that is not executable stays missing.
            return try await PDFTextExtractor(executablePath: pdftotextPath, timeout: pdfTimeout).document(from: data)
        }
    }
}
