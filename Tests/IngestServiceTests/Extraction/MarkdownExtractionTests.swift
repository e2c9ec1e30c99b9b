import Foundation
import IngestService
import Testing

@Suite("Extraction: Markdown and plain text")
struct MarkdownExtractionTests {
    let extractor = DocumentExtractor()

    func markdown(_ text: String) async throws -> ExtractedDocument {
        try await extractor.extract(Data(text.utf8), fileName: "guide.md", mime: nil)
    }

    @Test("ATX headings build the heading path; sections point at their source lines")
    func atxHeadings() async throws {
        let source = """
            # Guide

            Intro text.

            ## Install

            Run the installer.

            ### Linux ###

            apt install it

            ## Use
            Start it.
            """
        let document = try await markdown(source)
        #expect(document.title == "Guide")
        #expect(document.mime == "text/markdown")
        #expect(
            document.sections.map(\.headingPath) == [["Guide"], ["Guide", "Install"], ["Guide", "Install", "Linux"], ["Guide", "Use"]])
        #expect(document.sections.map(\.text) == ["Intro text.", "Run the installer.", "apt install it", "Start it."])
        #expect(document.sections.map(\.lineStart) == [3, 7, 11, 14])
        for section in document.sections {
            let start = source.index(source.startIndex, offsetBy: section.charStart)
            #expect(source[start...].hasPrefix(section.text))
        }
    }

    @Test("setext headings, code fences and front matter")
    func setextFencesFrontMatter() async throws {
        let source = """
            ---
            title: "Operations handbook"
            tags: [ops]
            ---
            Backups
            =======

            Copy the files.

            ```sh
            # not a heading
            cp a b
            ```

            Restore
            -------
            Reverse it.
            """
        let document = try await markdown(source)
        #expect(document.title == "Operations handbook")
        #expect(document.sections.map(\.headingPath) == [["Backups"], ["Backups", "Restore"]])
        #expect(document.sections[0].text == "Copy the files.\n\n```sh\n# not a heading\ncp a b\n```")
        #expect(document.sections[0].lineStart == 8)
        #expect(!document.plainText.contains("tags:"))
    }

    @Test("CRLF line ends count as one character, as in the chunk offsets")
    func crlf() async throws {
        let source = "# A\r\n\r\nfirst\r\n# B\r\nsecond"
        let document = try await markdown(source)
        #expect(document.sections.map(\.text) == ["first", "second"])
        #expect(document.sections.map(\.lineStart) == [3, 5])
        #expect(document.sections.map(\.charStart) == [5, 15])
    }

    @Test("plain text is one section, decoded from Windows-1251")
    func plainText() async throws {
        let text = "\n\nПервая строка.\n\nВторая строка.\n"
        let data = try #require(text.data(using: .windowsCP1251))
        let document = try await extractor.extract(data, fileName: "notes.TXT", mime: nil)
        #expect(document.mime == "text/plain")
        #expect(
            document.sections == [ExtractedSection(text: "Первая строка.\n\nВторая строка.", charStart: 2, lineStart: 3, isVerbatim: true)])
    }

    @Test("a line index maps offsets to lines")
    func lineIndex() {
        let index = SourceLineIndex(text: "one\ntwo\r\nthree")
        #expect(index.line(atCharacterOffset: 0) == 1)
        #expect(index.line(atCharacterOffset: 3) == 1)
        #expect(index.line(atCharacterOffset: 4) == 2)
        #expect(index.line(atCharacterOffset: 8) == 3)
        #expect(index.lines(charStart: 4, charEnd: 13) == 2...3)
    }
}
