import Foundation
import TestSupport
import Testing

@testable import BotEdge

@Suite struct OffsetStoreTests {
    @Test("the offset survives a restart and never goes back")
    func persisted() async throws {
        let directory = try TemporaryDirectory(prefix: "offset")
        let folder = directory.file("bot-edge")
        let store = OffsetStore(directory: folder)
        #expect(await store.load() == nil)
        try await store.advance(to: 42)
        try await store.advance(to: 40)
        #expect(await store.load() == 42)
        let reopened = OffsetStore(directory: folder)
        #expect(await reopened.load() == 42)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(leftovers == ["offset"])
    }
}
