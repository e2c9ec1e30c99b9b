import TestSupport
import Testing

@testable import BotEdge

@Suite struct MessageSplitterTests {
    /// A 10,000-character answer with markup, entities and links, as the bot formats them.
    static func longAnswer() -> String {
        var html = ""
        var paragraph = 0
        while html.utf16.count < 10_000 {
            paragraph += 1
            html += "<b>Раздел \(paragraph)</b>: резервные копии &amp; «журналы» &lt;WAL&gt; — "
            html += String(repeating: "текст абзаца номер \(paragraph) ", count: 6)
            html += HTMLText.link("источник \(paragraph)", to: "https://example.com/doc?a=\(paragraph)&b=\"x\"")
            html += "\n<i>строка курсивом, довольно длинная, чтобы резать было где</i>\n\n"
        }
        return html
    }

    @Test("a 10,000-character answer becomes parts that Telegram accepts, and nothing is lost")
    func longAnswerSplits() throws {
        let html = Self.longAnswer()
        let parts = MessageSplitter().split(html)
        #expect(parts.count >= 3)
        var visible = ""
        for part in parts {
            #expect(part.utf16.count <= 4096)
            let parsed = try FakeTelegramHTML.check(part, html: true).get()
            visible += parsed
        }
        let original = try FakeTelegramHTML.parse(html).get()
        #expect(visible.filter { !$0.isWhitespace } == original.filter { !$0.isWhitespace })
    }

    @Test("cuts on a paragraph when there is one")
    func paragraphFirst() {
        let first = String(repeating: "a ", count: 30) + "end."
        let second = String(repeating: "b ", count: 30)
        let parts = MessageSplitter(limit: 100).split(first + "\n\n" + second)
        #expect(parts.count == 2)
        #expect(parts.first?.trimmed == first)
        #expect(parts[1].hasPrefix("b"))
    }

    @Test("a cut inside a tag closes it and reopens it with its attributes")
    func reopensTags() throws {
        let html = "<a href=\"https://x.example/\">" + String(repeating: "word ", count: 60) + "</a>"
        let parts = MessageSplitter(limit: 120).split(html)
        #expect(parts.count > 2)
        for part in parts {
            #expect(part.utf16.count <= 120)
            #expect(part.hasPrefix("<a href=\"https://x.example/\">"))
            #expect(part.hasSuffix("</a>"))
            _ = try FakeTelegramHTML.parse(part).get()
        }
    }

    @Test("a word longer than the limit is cut, but never inside an entity")
    func neverInsideEntity() throws {
        let html = String(repeating: "&amp;x", count: 100)
        let parts = MessageSplitter(limit: 50).split(html)
        for part in parts {
            #expect(part.utf16.count <= 50)
            _ = try FakeTelegramHTML.parse(part).get()
        }
        #expect(parts.joined() == html)
    }

    @Test func shortTextIsOnePart() {
        #expect(MessageSplitter().split("<b>hi</b>") == ["<b>hi</b>"])
    }
}
