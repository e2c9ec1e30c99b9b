import TestSupport
import Testing

@testable import BotEdge

@Suite struct HTMLTextTests {
    @Test(
        "user text can never open a tag or an entity",
        arguments: ["<b>x", "a & b", "</i>", "&amp;", "<a href=\"javascript:x\">", "\"quoted\""])
    func escapes(_ text: String) throws {
        let escaped = HTMLText.escape(text)
        #expect(try FakeTelegramHTML.parse(escaped).get() == text)
        #expect(HTMLText.plainText(escaped) == text)
    }

    @Test func plainTextDropsTags() {
        #expect(HTMLText.plainText("<b>Hi</b> &lt;you&gt; &#33;") == "Hi <you> !")
    }

    @Test func linksEscapeLabelAndAddress() throws {
        let link = HTMLText.link("a <b>", to: "https://x.example/?q=1&r=\"2\"")
        #expect(try FakeTelegramHTML.parse(link).get() == "a <b>")
    }

    @Test("the fake server refuses what Telegram refuses", arguments: ["<x>a</x>", "<b>open", "a & b", "<b><i>x</b></i>", "&nbsp;"])
    func fakeRefusesBadHTML(_ html: String) {
        guard case .failure(let error) = FakeTelegramHTML.check(html, html: true) else {
            Issue.record("accepted \(html)")
            return
        }
        #expect(error.description.hasPrefix("Bad Request: can't parse entities"))
    }
}
