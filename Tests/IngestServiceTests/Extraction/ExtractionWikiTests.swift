import Foundation
import IngestService
import Testing

@Suite("Extraction: MediaWiki exports and wikitext")
struct ExtractionWikiTests {
    static let export = """
        <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
          <siteinfo>
            <sitename>Ops Wiki</sitename>
            <base>https://wiki.example.org/wiki/Main_Page</base>
          </siteinfo>
          <page>
            <title>Backup and restore</title>
            <ns>0</ns>
            <id>42</id>
            <revision>
              <id>100</id>
              <timestamp>2026-01-01T00:00:00Z</timestamp>
              <contributor><username>Ann</username><id>7</id></contributor>
              <text bytes="10" xml:space="preserve">old text</text>
            </revision>
            <revision>
              <id>123</id>
              <parentid>100</parentid>
              <timestamp>2026-02-03T04:05:06Z</timestamp>
              <contributor><username>Bob</username><id>8</id></contributor>
              <text bytes="300" xml:space="preserve">{{Infobox service
        | name = Backups
        | owner = {{User|Ann}}
        }}
        '''Backups''' run nightly&lt;ref&gt;See [[Runbook]].&lt;/ref&gt; on the [[Database server|database host]].
        &lt;!-- hidden note --&gt;
        [[File:Diagram.png|thumb|A [[diagram]] of it]]

        == Restore ==
        * Stop the [[service]].
        * Copy the files from [https://backup.example.org/files the backup store].

        === Checks &amp; tests ===
        {| class="wikitable"
        ! Step !! Time
        |-
        | style="color:red" | verify || 5 min
        |}
        [[Category:Operations]]</text>
            </revision>
          </page>
          <page>
            <title>Old name</title>
            <ns>0</ns>
            <id>43</id>
            <redirect title="Backup and restore" />
            <revision><id>124</id><text xml:space="preserve">#REDIRECT [[Backup and restore]]</text></revision>
          </page>
        </mediawiki>
        """

    @Test("pages with their latest revision and its link; redirects left out")
    func pages() throws {
        let pages = try MediaWikiExport.pages(from: Data(Self.export.utf8))
        #expect(pages.count == 1)
        let page = try #require(pages.first)
        #expect(page.title == "Backup and restore")
        #expect(page.pageID == 42)
        #expect(page.revisionID == 123)
        #expect(page.timestamp == "2026-02-03T04:05:06Z")
        #expect(page.wikitext.hasPrefix("{{Infobox service"))
        #expect(page.revisionURL?.absoluteString == "https://wiki.example.org/w/index.php?title=Backup_and_restore&oldid=123")
    }

    @Test("wikitext: headings, templates, refs, links, files, categories, tables")
    func wikitext() throws {
        let page = try #require(try MediaWikiExport.pages(from: Data(Self.export.utf8)).first)
        let document = WikiTextExtractor.document(from: page)
        #expect(document.title == "Backup and restore")
        #expect(document.sections.map(\.headingPath) == [[], ["Restore"], ["Restore", "Checks & tests"]])
        #expect(
            document.sections.map(\.text) == [
                "Backups run nightly on the database host.",
                "Stop the service.\nCopy the files from the backup store.",
                "Step Time\nverify 5 min",
            ])
        #expect(document.sections[1].lineStart == 10)
        let start = page.wikitext.index(page.wikitext.startIndex, offsetBy: document.sections[1].charStart)
        #expect(page.wikitext[start...].hasPrefix("* Stop the"))
    }

    @Test(
        "script URLs from the site base",
        arguments: [
            ("https://w.example/wiki/Main_Page", "https://w.example/w/index.php"),
            ("https://w.example/mediawiki/index.php/Main_Page", "https://w.example/mediawiki/index.php"),
            ("http://intranet/kb/Main_Page", "http://intranet/kb/index.php"),
        ])
    func scriptURLs(base: String, expected: String) throws {
        let export =
            "<mediawiki><siteinfo><base>\(base)</base></siteinfo><page><title>Ёж и ёлка</title><id>1</id>"
            + "<revision><id>9</id><text>x</text></revision></page></mediawiki>"
        let page = try #require(try MediaWikiExport.pages(from: Data(export.utf8)).first)
        let url = try #require(page.revisionURL?.absoluteString)
        #expect(url.hasPrefix(expected + "?title=%D0%81%D0%B6_%D0%B8_%D1%91%D0%BB%D0%BA%D0%B0&oldid=9"))
    }

    @Test("not an export, or broken XML, is malformed")
    func malformed() {
        #expect(throws: ExtractionError.malformed("not a MediaWiki XML export (no <mediawiki> root element)")) {
            try MediaWikiExport.pages(from: Data("<html><body/></html>".utf8))
        }
        #expect(throws: ExtractionError.malformed("not a well-formed MediaWiki XML export")) {
            try MediaWikiExport.pages(from: Data("<mediawiki><page><title>x".utf8))
        }
    }
}
