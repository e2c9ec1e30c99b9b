import TestSupport
import Testing

@testable import BotEdge

@Suite struct MessageCatalogTests {
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test("every key has a text in both languages, with the same placeholders")
    func complete() {
        for key in CatalogKey.allCases {
            let russian = MessageCatalog.russian[key]
            let english = MessageCatalog.english[key]
            #expect(russian != nil, "no Russian text for \(key)")
            #expect(english != nil, "no English text for \(key)")
            #expect(Self.placeholders(russian ?? "") == Self.placeholders(english ?? ""), "placeholders differ for \(key)")
        }
    }

    @Test("every text is valid Telegram HTML, filled with hostile values", arguments: Language.allCases)
    func validHTML(_ language: Language) throws {
        let catalog = MessageCatalog(language)
        for key in CatalogKey.allCases {
            let values = Dictionary(uniqueKeysWithValues: Self.placeholders(catalog.texts[key] ?? "").map { ($0, "<b>&x") })
            let text = catalog.text(key, values)
            #expect(throws: Never.self, "\(key)") { try FakeTelegramHTML.parse(text).get() }
            #expect(!text.contains("{"), "unfilled placeholder in \(key)")
        }
    }

    @Test("English for en-*, Russian otherwise", arguments: [("en", Language.en), ("en-GB", .en), ("ru", .ru), ("de", .ru), ("", .ru)])
    func languageChoice(_ code: String, _ expected: Language) {
        #expect(Language(code: code) == expected)
    }

    @Test func commandMenusDiffer() {
        #expect(MessageCatalog(.ru).commands.map(\.command) == MessageCatalog(.en).commands.map(\.command))
        #expect(MessageCatalog(.ru).commands.first?.description != MessageCatalog(.en).commands.first?.description)
    }

    @Test(arguments: [("Инструкции по работе", "instruktsii-po-rabote"), ("My KB!", "my-kb"), ("Ёлка 2", "elka-2")])
    func slugs(_ name: String, _ slug: String) {
        #expect(Conversation.slug(for: name) == slug)
    }
}
