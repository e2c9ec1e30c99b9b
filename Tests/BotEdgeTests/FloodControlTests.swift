import Testing

@testable import BotEdge

@Suite struct FloodControlTests {
    let start = ContinuousClock.now

    @Test("one message a second per private chat; other chats are not held up")
    func privateChats() {
        var flood = FloodControl()
        flood.recordSend(to: 7, at: start)
        #expect(flood.earliestSend(to: 7, now: start) == start + .seconds(1))
        #expect(flood.earliestSend(to: 8, now: start) == start)
    }

    @Test("twenty a minute per group")
    func groups() {
        var flood = FloodControl()
        for second in 0..<20 { flood.recordSend(to: -100, at: start + .seconds(second)) }
        let now = start + .seconds(20)
        #expect(flood.earliestSend(to: -100, now: now) == start + .seconds(60))
    }

    @Test("thirty a second overall")
    func overall() {
        var flood = FloodControl()
        for chat in 1...30 { flood.recordSend(to: Int64(chat), at: start + .milliseconds(chat)) }
        #expect(flood.earliestSend(to: 999, now: start + .milliseconds(31)) == start + .milliseconds(1) + .seconds(1))
    }

    @Test("a 429 pauses only that chat for retry_after")
    func pause() {
        var flood = FloodControl()
        flood.pause(5, for: .seconds(7), now: start)
        #expect(flood.earliestSend(to: 5, now: start) == start + .seconds(7))
        #expect(flood.earliestSend(to: 6, now: start) == start)
    }
}
