import Foundation
import ZIPFoundation

/// Small files built in the tests themselves: zips (Word documents among them) and a PDF.
enum ExtractionFixtures {
    /// A zip in memory with `files` (path → content), deflated unless `stored`.
    static func zip(_ files: [(path: String, content: Data)], stored: Bool = false) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for file in files {
            try archive.addEntry(
                with: file.path, type: .file, uncompressedSize: Int64(file.content.count),
                compressionMethod: stored ? .none : .deflate
            ) { position, size in
                file.content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try require(archive.data)
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

    /// A valid two-page PDF whose pages show `pages` in Helvetica, with a correct xref table.
    static func pdf(pages: [String]) -> Data {
        var objects: [String] = []
        let pageCount = pages.count
        // 1: catalog, 2: pages, 3: font, then per page: page object, content stream.
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pageCount).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for (index, text) in pages.enumerated() {
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * index) 0 R >>"
            )
            let stream = "BT /F1 18 Tf 72 700 Td (\(text)) Tj ET"
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { output += String(format: "%010d 00000 n \n", offset) }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }
}

/// `#require` is a macro for test functions; fixtures throw a plain error instead.
private func require<Value>(_ value: Value?) throws -> Value {
    guard let value else { throw CocoaError(.fileReadCorruptFile) }
    return value
}
