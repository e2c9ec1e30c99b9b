import Testing

@testable import Mesh

/// Backoff before restarts and crash-loop detection.
@Suite struct RestartHistoryTests {
    let policy = SupervisionPolicy(
        backoffInitial: .milliseconds(100), backoffMax: .seconds(5), crashLoopFailures: 5, crashLoopWindow: .seconds(60))

    @Test("the backoff starts at 100 ms and doubles per recent failure, capped at 5 s")
    func backoff() {
        var history = RestartHistory(
            policy: SupervisionPolicy(backoffInitial: .milliseconds(100), backoffMax: .seconds(5), crashLoopFailures: 100))
        let start = ContinuousClock.now
        var delays: [Duration] = []
        for failure in 0..<9 {
            history.recordFailure(at: start + .milliseconds(failure))
            delays.append(history.backoff)
        }
        #expect(
            delays == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
                .milliseconds(3200), .seconds(5), .seconds(5), .seconds(5),
            ])
    }

    @Test("five failures within 60 s are a crash loop; four are not")
    func crashLoop() {
        var history = RestartHistory(policy: policy)
        let start = ContinuousClock.now
        for second in 0..<4 {
            history.recordFailure(at: start + .seconds(second * 10))
            #expect(!history.isCrashLooping)
        }
        history.recordFailure(at: start + .seconds(50))
        #expect(history.isCrashLooping)
    }

    @Test("failures older than the window are forgotten, and the backoff shrinks again")
    func window() {
        var history = RestartHistory(policy: policy)
        let start = ContinuousClock.now
        for second in 0..<4 { history.recordFailure(at: start + .seconds(second)) }
        #expect(history.backoff == .milliseconds(800))
        history.recordFailure(at: start + .seconds(70))
        #expect(!history.isCrashLooping, "only the last failure is inside the window")
        #expect(history.backoff == .milliseconds(100))
        history.reset()
        #expect(history.failures.isEmpty)
    }
}
