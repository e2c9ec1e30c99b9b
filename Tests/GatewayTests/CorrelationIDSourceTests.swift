import Testing

@testable import Gateway

@Suite struct CorrelationIDSourceTests {
    @Test("generated ids are sane, distinct and numbered in order")
    func generatedIDs() {
        let source = CorrelationIDSource(processTag: 0xabc)
        let ids = (0..<1_000).map { _ in source.next() }
        #expect(ids.first == "gw-000000000abc-1")
        #expect(ids.last == "gw-000000000abc-3e8")
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy(CorrelationIDMiddleware.isSane))
    }

    @Test("two gateways tag their ids differently")
    func processesDiffer() {
        let first = CorrelationIDSource(), second = CorrelationIDSource()
        #expect(first.next() != second.next())
    }
}
