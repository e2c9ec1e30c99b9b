import Foundation
import IngestService
import Testing

@Suite("Extraction: HTML, docx, pdf and format detection")
struct ExtractionFormatTests {
    let extractor = DocumentExtractor()

    @Test(
        "formats are detected by extension, then by MIME type",
        arguments: [
            ("a.txt", nil, DocumentFormat.text), ("dir/B.MD", nil, .markdown), ("c.markdown", nil, .markdown),
            ("d.htm", nil, .html), ("e.html", nil, .html), ("f.docx", nil, .docx), ("g.pdf", nil, .pdf),
            ("page", "text/html; charset=utf-8", .html), ("upload.bin", "application/pdf", .pdf),
        ] as [(String, String?, DocumentFormat)])
    func detection(fileName: String, mime: String?, format: DocumentFormat) {
        #expect(DocumentFormat.detect(fileName: fileName, mime: mime) == format)
    }

    @Test("anything else is unsupported, naming the extension")
    func unsupported() async {
        await #expect(throws: ExtractionError.unsupportedFormat("exe")) {
            try await extractor.extract(Data([0x4D, 0x5A]), fileName: "setup.exe", mime: "application/octet-stream")
        }
        #expect(ExtractionError.unsupportedFormat("exe").description == "unsupported format: .exe")
    }

    @Test("HTML: text and headings, scripts and styles dropped, entities decoded, title kept")
    func html() async throws {
        let html = """
            <!DOCTYPE html>
            <html><head><title>Deploy &amp; run</title>
            <style>body { color: red }</style>
            <script>var x = "<h1>not a heading</h1>";</script></head>
            <body>
            <nav><a href="/">Home</a></nav>
            <h1>Deploying</h1>
            <p>Copy the <b>files</b> &mdash; all of them.</p>
            <p>Caf&#233; &#x41F;&#1088;&#1080;&#1074;&#1077;&#1090; &unknown; 3 &lt; 4</p>
            <h2 id="db">Data<br>base</h2>
            <ul><li>one</li><li>two</li></ul>
            <noscript>Enable JavaScript</noscript>
            <!-- <p>comment</p> -->
            <pre>line 1
              line 2</pre>
            </body></html>
            """
        let document = try await extractor.extract(Data(html.utf8), fileName: "deploy.html", mime: nil)
        #expect(document.title == "Deploy & run")
        #expect(document.mime == "text/html")
        #expect(document.sections.map(\.headingPath) == [["Deploying"], ["Deploying", "Data base"]])
        #expect(document.sections[0].text == "Copy the files — all of them.\n\nCafé Привет &unknown; 3 < 4")
        #expect(document.sections[1].text == "one\ntwo\n\nline 1\n  line 2")
        #expect(!document.plainText.contains("color") && !document.plainText.contains("JavaScript") && !document.plainText.contains("Home"))
        #expect(document.sections[0].lineStart == 8)
        let start = html.index(html.startIndex, offsetBy: document.sections[0].charStart)
        #expect(html[start...].hasPrefix("Copy the"))
    }

    @Test("HTML: self-closing and stray markup does not swallow the page")
    func tolerantHTML() async throws {
        let html = """
            <p>Before <svg/> icon</p><p>a < b and 2<3</p><div>unclosed <b>bold<p>After <img src=x.png alt="a > b"> image
            """
        let document = try await extractor.extract(Data(html.utf8), fileName: "t.htm", mime: nil)
        #expect(document.title == nil)
        #expect(document.sections.map(\.text) == ["Before icon\n\na < b and 2<3\n\nunclosed bold\n\nAfter image"])
    }

    @Test("HTML links for the crawler: absolute http(s), no fragments, no duplicates")
    func links() throws {
        let html = """
            <a href="/docs/install#linux">Install</a> <A HREF='guide.html'>Guide</a>
            <a href="https://other.example/x?y=1#top">x</a> <a href="/docs/install">again</a>
            <a href="mailto:a@b.c">mail</a> <a href="javascript:void(0)">js</a> <a href="#local">top</a>
            <a href="ftp://files.example/f">ftp</a> <a>no href</a> <a href=" /spaced ">spaced</a>
            """
        let base = try #require(URL(string: "https://docs.example/start/index.html"))
        let links = HTMLLinkExtractor.links(in: html, base: base).map(\.absoluteString)
        #expect(
            links == [
                "https://docs.example/docs/install", "https://docs.example/start/guide.html", "https://other.example/x?y=1",
                "https://docs.example/start/index.html", "https://docs.example/spaced",
            ])
    }

    @Test("docx: heading styles build the heading path, core title kept")
    func docx() async throws {
        let data = try ExtractionFixtures.docx(
            paragraphs: [
                ("a3", "Руководство"), (nil, "Введение в систему."), ("1", "Установка"), (nil, "Скачайте архив."),
                ("Heading2", "Linux"), (nil, "apt install kb"), (nil, ""), (nil, "Then run it & check."), ("1", "Usage"),
                (nil, "Ask a question."),
            ], title: "Operator guide")
        let document = try await extractor.extract(data, fileName: "guide.docx", mime: nil)
        #expect(document.title == "Operator guide")
        #expect(document.sections.map(\.headingPath) == [[], ["Установка"], ["Установка", "Linux"], ["Usage"]])
        #expect(
            document.sections.map(\.text) == [
                "Введение в систему.", "Скачайте архив.", "apt install kb\n\nThen run it & check.", "Ask a question.",
            ])
    }

    @Test("docx: a text box's paragraphs inside a paragraph keep the outer text")
    func docxTextBox() async throws {
        let xml = """
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            <w:p><w:r><w:t>Outer start</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:r>\
            <w:r><w:t xml:space="preserve"> outer end</w:t><w:tab/><w:t>tabbed</w:t></w:r></w:p>
            </w:body></w:document>
            """
        let data = try ExtractionFixtures.zip([("word/document.xml", Data(xml.utf8))])
        let document = try await extractor.extract(data, fileName: "box.docx", mime: nil)
        #expect(document.sections.map(\.text) == ["In the box\n\nOuter start outer end tabbed"])
    }

    @Test("docx: a broken document is malformed, not a crash")
    func brokenDocx() async throws {
        let missingBody = try ExtractionFixtures.zip([("word/other.xml", Data("<x/>".utf8))])
        await #expect(throws: ExtractionError.malformed("a .docx without word/document.xml")) {
            try await extractor.extract(missingBody, fileName: "a.docx", mime: nil)
        }
        let badXML = try ExtractionFixtures.zip([("word/document.xml", Data("<w:document><w:p>".utf8))])
        await #expect(throws: ExtractionError.malformed("word/document.xml is not well-formed XML")) {
            try await extractor.extract(badXML, fileName: "b.docx", mime: nil)
        }
    }

    @Test("pdf through pdftotext: one section per page")
    func pdf() async throws {
        try #require(extractor.pdftotextPath != nil, "pdftotext (poppler-utils) is installed by scripts/bootstrap.sh")
        let data = ExtractionFixtures.pdf(pages: ["Backups run nightly", "Restores take minutes"])
        let document = try await extractor.extract(data, fileName: "ops.pdf", mime: nil)
        #expect(document.mime == "application/pdf")
        #expect(document.sections.map(\.page) == [1, 2])
        #expect(document.sections.map { $0.text.collapsingSpaces() } == ["Backups run nightly", "Restores take minutes"])
        #expect(document.sections[1].charStart > document.sections[0].charStart)
    }

    @Test("pdf without pdftotext names the package; a broken pdf is malformed")
    func pdfFailures() async {
        let missing = DocumentExtractor(pdftotextPath: "/nonexistent/pdftotext")
        #expect(missing.pdftotextPath == nil)
        await #expect(throws: ExtractionError.toolMissing(tool: "pdftotext", package: "poppler-utils")) {
            try await missing.extract(ExtractionFixtures.pdf(pages: ["x"]), fileName: "a.pdf", mime: nil)
        }
        #expect(ExtractionError.toolMissing(tool: "pdftotext", package: "poppler-utils").description.contains("poppler-utils"))
        await #expect {
            try await extractor.extract(Data("%PDF-1.4\ngarbage".utf8), fileName: "broken.pdf", mime: nil)
        } throws: { error in
            guard case .malformed? = error as? ExtractionError else { return false }
            return true
        }
    }
}

extension String {
    fileprivate func collapsingSpaces() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
