import Foundation
import TestSupport

/// Small files built in the tests themselves: zips (Word documents among them) and a PDF.
enum ExtractionFixtures {
    /// A zip in memory with `files` (path → content), deflated unless `stored`.
    static func zip(_ files: [(path: String, content: Data)], stored: Bool = false) throws -> Data {
        var writer = ZipArchiveWriter()
        for file in files { writer.add(file.path, file.content, stored: stored) }
        return writer.data
    }

    /// A minimal Word document: paragraphs given as (style id or nil, text).
    static func docx(paragraphs: [(style: String?, text: String)], title: String?) throws -> Data {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        let body = paragraphs.map { paragraph in
            let style = paragraph.style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
            return "<w:p>\(style)<w:r><w:t xml:space=\"preserve\">\(escape(paragraph.text))</w:t></w:r></w:p>"
        }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
            </w:styles>
            """
        var files: [(String, Data)] = [
            ("[Content_Types].xml", Data("<?xml version=\"1.0\"?><Types/>".utf8)),
            ("word/document.xml", Data(document.utf8)),
            ("word/styles.xml", Data(styles.utf8)),
        ]
        if let title {
            let core = """
                <?xml version="1.0" encoding="UTF-8"?>
                <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
                xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escape(title))</dc:title></cp:coreProperties>
                """
            files.append(("docProps/core.xml", Data(core.utf8)))
        }
        return try zip(files)
    }

    /// A valid PDF whose pages show `pages` in Helvetica (`SamplePDF`).
    static func pdf(pages: [String]) -> Data {
        SamplePDF.document(pages: pages)
    }
}

/// `#require` is a macro for test functions; fixtures throw a plain error instead.
private func require<Value>(_ value: Value?) throws -> Value {
    guard let value else { throw CocoaError(.fileReadCorruptFile) }
    return value
}
