import Foundation
import TestSupport

/// Files of every format the ingestion tests upload, made in memory.
enum IngestionSamples {
    /// A zip of `entries` (path → bytes), deflated unless `stored`.
    static func zip(_ entries: [(String, Data)], stored: Bool = false) throws -> Data {
        var writer = ZipArchiveWriter()
        for (path, data) in entries { writer.add(path, data, stored: stored) }
        return writer.data
    }

    /// A minimal Word document whose body is `paragraphs`.
    static func docx(_ paragraphs: [String]) throws -> Data {
        let body = paragraphs.map { "<w:p><w:r><w:t>\($0)</w:t></w:r></w:p>" }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        return try zip([("[Content_Types].xml", Data(types.utf8)), ("word/document.xml", Data(document.utf8))])
    }

    /// A one-page PDF showing `line` (ASCII).
    static func pdf(_ line: String) -> Data {
        SamplePDF.document(pages: [line])
    }

    /// `text` in Windows-1251 (ASCII and the Russian alphabet only).
    static func windows1251(_ text: String) -> Data {
        Data(
            text.unicodeScalars.map { scalar -> UInt8 in
                switch scalar.value {
                case 0..<0x80: UInt8(scalar.value)
                case 0x410...0x44F: UInt8(scalar.value - 0x410 + 0xC0)
                case 0x401: 0xA8
                case 0x451: 0xB8
                default: UInt8(ascii: "?")
                }
            })
    }

    /// Bytes that are no text in any encoding ingestion reads.
    static let notText = Data([0x81, 0x98, 0x9A, 0x00, 0xFF, 0x10, 0x98] + Array(repeating: 0x98, count: 64))

    /// A `multipart/form-data` body with a `comment` field and the `file` part.
    static func multipart(fileName: String, contentType: String, data: Data, boundary: String) -> Data {
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nignored\r\n".utf8))
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(contentType)\r\n\r\n"
                    .utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return body
    }

    /// A MediaWiki XML export of `pages` (title → wikitext).
    static func mediaWikiExport(_ pages: [(String, String)]) -> Data {
        var xml = """
            <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
              <siteinfo><sitename>Test Wiki</sitename><base>http://wiki.example/wiki/Main_Page</base></siteinfo>

            """
        for (index, page) in pages.enumerated() {
            xml += """
                  <page><title>\(page.0)</title><ns>0</ns><id>\(index + 1)</id>
                    <revision><id>\(100 + index)</id><timestamp>2025-01-01T10:00:00Z</timestamp><text xml:space="preserve">\(page.1)</text></revision>
                  </page>

                """
        }
        return Data((xml + "</mediawiki>\n").utf8)
    }
}
