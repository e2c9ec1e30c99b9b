import Foundation
import TestSupport
import Testing

/// The admin's commands through the real bot and gateway: /users with its buttons, /role,
/// /block, /newkb, /logs, /stats, /health; and a member refused them in words.
@Suite struct AdminCommandsEndToEndTests {
    typealias Person = FakeTelegramState.Person
    static let admin = Person(id: BotEdgeHarness.adminID, firstName: "Admin", languageCode: "en")
    static let dora = Person(id: 5001, firstName: "Dora", username: "dora", languageCode: "en")

    @Test("admin commands work for admins and are refused, politely, to members")
    func adminCommands() async throws {
        let harness = try await BotEdgeHarness(accessMode: "open")
        try await harness.startBot()
        defer { Task { await harness.stopBot() } }
        let state = harness.state
        await state.sendText("/start", from: Self.admin)
        await state.sendText("/start", from: Self.dora)
        #expect(await harness.message(to: Self.dora.id) { $0.visibleText.hasPrefix("Hello, Dora") } != nil, "\(harness.botLog)")

        await state.sendText("/users", from: Self.dora)
        #expect(await harness.message(to: Self.dora.id) { $0.visibleText.contains("editors and admins only") } != nil)

        await state.sendText("/users", from: Self.admin)
        let list = try #require(await harness.message(to: Self.admin.id) { $0.visibleText.hasPrefix("Users") }, "\(harness.botLog)")
        #expect(list.visibleText.contains("@dora · member · active"))
        #expect(list.buttons.contains("ro:5001:editor"))
        await state.press("ro:5001:editor", on: list.messageID, by: Self.admin)
        #expect(await harness.message(to: Self.admin.id) { $0.visibleText.contains("@dora — editor, active") } != nil, "\(harness.botLog)")

        await state.sendText("/newkb Полевые заметки", from: Self.dora)
        #expect(
            await harness.message(to: Self.dora.id) { $0.visibleText.contains("“Полевые заметки” created") } != nil, "\(harness.botLog)")
        let bases = try await harness.admin("GET", "/api/v1/knowledge-bases")
        #expect((bases.json["knowledge_bases"] as? [[String: Any]])?.contains { $0["slug"] as? String == "polevye-zametki" } == true)

        await state.sendText("/ask what is a shard?", from: Self.dora)
        _ = await harness.message(to: Self.dora.id) { $0.visibleText.contains("no answer") || $0.visibleText.contains("Sources") }
        await state.sendText("/logs", from: Self.admin)
        #expect(
            await harness.message(to: Self.admin.id) {
                $0.visibleText.hasPrefix("Latest questions") && $0.visibleText.contains("what is a shard?")
            } != nil, "\(harness.botLog)")
        // /stats: exact counts. Two more users through the admin token, one blocked and one
        // sent back to pending; a second knowledge base; three documents in all.
        for (id, status) in [(5002, "blocked"), (5003, "pending")] {
            #expect(try await harness.admin("POST", "/api/v1/users", ["telegram_id": id, "first_name": "User \(id)"]).status == 201)
            #expect(try await harness.admin("PATCH", "/api/v1/users/\(id)", ["status": status]).status == 200)
        }
        let notes = try #require(
            (bases.json["knowledge_bases"] as? [[String: Any]])?.first { $0["slug"] as? String == "polevye-zametki" }?["id"] as? Int)
        let guide = try await harness.createKnowledgeBase(slug: "field-guide", name: "Field guide")
        for (base, uri) in [(notes, "notes-1.md"), (notes, "notes-2.md"), (guide, "guide.md")] {
            try await harness.addDocument(to: base, title: uri, uri: uri, text: "The \(uri) page says the generator is checked weekly.")
        }
        let refusals = { await state.messages(to: Self.dora.id).filter { $0.visibleText.contains("editors and admins only") }.count }
        let refusedBefore = await refusals()
        await state.sendText("/stats", from: Self.dora)
        #expect(await eventually { await refusals() > refusedBefore }, "an editor was not refused /stats")
        await state.sendText("/stats", from: Self.admin)
        let stats = """
            Statistics
            Users: 4 — active 2, waiting for approval 1, blocked 1
            Admins: 1, editors: 1, members: 2
            Seen in 24 h: 4, in 7 days: 4
            Knowledge bases: 2, documents: 3
            """
        let answer = await harness.message(to: Self.admin.id) { $0.visibleText.hasPrefix("Statistics") }
        #expect(answer?.visibleText == stats, "\(harness.botLog)")
        await state.sendText("/health", from: Self.admin)
        #expect(await harness.message(to: Self.admin.id) { $0.visibleText.contains("Every service is up") } != nil, "\(harness.botLog)")

        await state.sendText("/ai say hello", from: Self.admin)
        #expect(await harness.message(to: Self.admin.id) { $0.visibleText == "No language model is connected right now." } != nil, "\(harness.botLog)")

        await state.sendText("/block 5001", from: Self.admin)
        #expect(await harness.message(to: Self.dora.id) { $0.visibleText.contains("closed your access") } != nil)
        await state.sendText("/help", from: Self.dora)
        #expect(
            await harness.message(to: Self.dora.id) { $0.visibleText.contains("Access to this bot is closed") } != nil, "\(harness.botLog)")
        let refused = await state.refused.map(\.error)
        #expect(refused.isEmpty, "\(refused)")
    }
}
