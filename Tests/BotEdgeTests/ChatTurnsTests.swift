import Testing

@testable import BotEdge

@Suite struct ChatTurnsTests {
    actor Log {
        var entries: [String] = []
        func append(_ entry: String) { entries.append(entry) }
    }

    @Test("updates of one chat run in arrival order, other chats in parallel")
    func order() async {
        let turns = ChatTurns()
        let log = Log()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                let ticket = await turns.ticket(for: 1)
                group.addTask {
                    await turns.wait(ticket, in: 1)
                    try? await Task.sleep(for: .milliseconds(5 * (5 - index)))
                    await log.append("a\(index)")
                    await turns.done(in: 1)
                }
            }
            let other = await turns.ticket(for: 2)
            group.addTask {
                await turns.wait(other, in: 2)
                await log.append("b")
                await turns.done(in: 2)
            }
        }
        let entries = await log.entries
        #expect(entries.filter { $0.hasPrefix("a") } == ["a0", "a1", "a2", "a3", "a4"])
        #expect(entries.first == "b")
        // The queue is forgotten once idle: a new ticket starts at zero and goes at once.
        #expect(await turns.ticket(for: 1) == 0)
    }
}
