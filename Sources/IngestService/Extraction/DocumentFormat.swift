import Foundation

/// The file formats ingestion can read, recognised by extension first and MIME type second.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text, markdown, html, docx, pdf

    /// The format of a file called `fileName` (any folders in front are ignored) and served or
    /// uploaded as `mime`; `nil` when neither names a format we read.
    public static func detect(fileName: String, mime: String?) -> DocumentFormat? {
        if let format = byExtension[fileExtension(of: fileName)] { return format }
        guard let mime else { return nil }
        let essence = mime.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return byMIME[essence]
    }

    /// The MIME type recorded for documents of this format.
    public var mime: String {
        switch self {
        case .text: "text/plain"
        case .markdown: "text/markdown"
        case .html: "text/html"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pdf: "application/pdf"
        }
    }

    /// The lower-cased extension of `fileName` without the dot, or `""` when it has none.
    public static func fileExtension(of fileName: String) -> String {
        let name = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? fileName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static let byExtension: [String: DocumentFormat] = [
        "txt": .text, "text": .text,
        "md": .markdown, "markdown": .markdown,
        "html": .html, "htm": .html, "xhtml": .html,
        "docx": .docx,
        "pdf": .pdf,
    ]

    private static let byMIME: [String: DocumentFormat] = [
        "text/plain": .text,
        "text/markdown": .markdown, "text/x-markdown": .markdown,
        "text/html": .html, "application/xhtml+xml": .html,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": .docx,
        "application/pdf": .pdf,
    ]
}
