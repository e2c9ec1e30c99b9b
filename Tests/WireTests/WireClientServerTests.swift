import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
import Wire

@Suite struct WireClientServerTests {
    @Test("sys.health and sys.info describe the running server")
    func systemMethods() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client()
        let health = try await client.call(SysHealth.self, WireEmpty(), .background("t"))
        #expect(health == .init(status: "ok", service: "test-service"))
        let info = try await client.call(SysInfo.self, WireEmpty(), .background("t"))
        #expect(info.service == "test-service")
        #expect(info.pid == getpid())
        #expect(info.uptimeSeconds >= 0)
        #expect(info.inFlight == 1)  // the sys.info call itself
        #expect(info.methods == ["sys.health", "sys.info", "test.echo", "test.fail", "test.sleep"])
        await client.close()
        try await harness.stop()
    }

    @Test("typed round trip keeps every value")
    func echo() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client()
        let params = TestEcho.Params(text: "Привет, \"мир\" \n ✓", number: -42)
        #expect(try await client.call(TestEcho.self, params, .background("t")) == params)
        await client.close()
        try await harness.stop()
    }

    @Test("a slow request does not hold up a fast one on the same connection")
    func slowDoesNotBlockFast() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client(poolSize: 1, callTimeout: .seconds(30))
        _ = try await client.call(SysHealth.self, WireEmpty(), .background("warm-up"))
        let clock = ContinuousClock()
        async let slow = client.call(TestSleep.self, .init(ms: 6000, tag: "slow"), .background("slow"))
        try await Task.sleep(for: .milliseconds(50))
        let fastStarted = clock.now
        let fast = try await client.call(TestSleep.self, .init(ms: 0, tag: "fast"), .background("fast"))
        let fastTook = clock.now - fastStarted
        #expect(fast.tag == "fast")
        // Generous for a loaded CI machine, and still far from the slow call's 6 s.
        #expect(fastTook < .seconds(3), "the fast call waited \(fastTook)")
        #expect(try await slow.tag == "slow")
        await client.close()
        try await harness.stop()
    }

    @Test("past its in-flight limit a connection is not read until a request finishes")
    func inFlightLimitPausesReading() async throws {
        let harness = try WireServerHarness()
        try await harness.start(maxInFlightPerConnection: 2)
        let client = harness.client(poolSize: 1, callTimeout: .seconds(30))
        _ = try await client.call(SysHealth.self, WireEmpty(), .background("warm-up"))
        let clock = ContinuousClock()
        let started = clock.now
        // Three 300 ms requests on one connection that may run two at a time: the third
        // starts only when one of the first two is done, so it cannot finish before 600 ms.
        let took = try await withThrowingTaskGroup(of: Duration.self) { group in
            for tag in ["a", "b", "c"] {
                group.addTask {
                    _ = try await client.call(TestSleep.self, .init(ms: 300, tag: tag), .background(tag))
                    return clock.now - started
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.sorted()
        }
        #expect(took.count == 3)
        #expect(took[2] >= .milliseconds(600), "the last answer came after \(took[2])")
        await client.close()
        try await harness.stop()
    }

    @Test("the server enforces the deadline in ctx")
    func serverDeadline() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        let deadline = WireClock.now.adding(.milliseconds(200)).millisecondsSinceEpoch
        let started = ContinuousClock.now
        try await socket.sendFrame(#"{"v":1,"id":5,"method":"test.sleep","params":{"ms":5000,"tag":"x"},"ctx":{"correlation_id":"c","deadline_ms":\#(deadline)}}"#)
        let response = try #require(await socket.readJSON())
        #expect((response["error"] as? [String: Any])?["code"] as? String == "deadline_exceeded")
        #expect(ContinuousClock.now - started < .seconds(4))
        try await harness.stop()
    }

    @Test("the client's own timeout ends a call with deadline_exceeded")
    func clientTimeout() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client()
        let started = ContinuousClock.now
        let error = await #expect(throws: WireError.self) {
            try await client.call(TestSleep.self, .init(ms: 5000, tag: "x"), .background("t"), timeout: .milliseconds(150))
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(ContinuousClock.now - started < .seconds(4))
        await client.close()
        try await harness.stop()
    }

    @Test("a missing socket fails fast with unavailable")
    func missingSocket() async throws {
        let directory = try TemporaryDirectory()
        let client = WireClient(configuration: .init(socketPath: directory.file("absent.sock"), serviceName: "ghost-service", callTimeout: .seconds(60)))
        let started = ContinuousClock.now
        let error = await #expect(throws: WireError.self) {
            try await client.call(SysHealth.self, WireEmpty(), .background("t"))
        }
        #expect(error?.code == .unavailable)
        #expect(error?.message == "ghost-service is unavailable")
        // Far below the call timeout: nothing waited for an answer that could not come.
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("the client reconnects by itself after the server restarts")
    func reconnectAfterRestart() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client()
        #expect(try await client.call(SysHealth.self, WireEmpty(), .background("t")).status == "ok")
        try await harness.stop()

        let down = await #expect(throws: WireError.self) {
            try await client.call(SysHealth.self, WireEmpty(), .background("t"))
        }
        #expect(down?.code == .unavailable)

        try await harness.start()
        let deadline = ContinuousClock.now + .seconds(2)
        var answered = false
        while !answered, ContinuousClock.now < deadline {
            answered = (try? await client.call(SysHealth.self, WireEmpty(), .background("t"))) != nil
            if !answered { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(answered, "client did not reconnect within 2 s")
        await client.close()
        try await harness.stop()
    }

    @Test("a stale socket file is replaced; a live one is refused")
    func socketOwnership() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("test.sock")
        // A stale file: nobody listens behind it.
        _ = FileManager.default.createFile(atPath: path, contents: Data("stale".utf8))
        let harness = try WireServerHarness(directory: directory)
        try await harness.start()

        let intruder = WireServer(configuration: .init(socketPath: path, serviceName: "intruder"), handlers: WireHandlerTable(), logger: .init(label: "t"))
        await #expect(throws: WireServer.Error.self) { try await intruder.run() }
        // The first server is unharmed.
        let client = harness.client()
        #expect(try await client.call(SysHealth.self, WireEmpty(), .background("t")).service == "test-service")
        await client.close()
        try await harness.stop()
        #expect(!FileManager.default.fileExists(atPath: path), "socket file removed on shutdown")
    }

    @Test("graceful shutdown lets in-flight requests finish")
    func drainOnShutdown() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client()
        async let slow = client.call(TestSleep.self, .init(ms: 400, tag: "drained"), .background("t"))
        // Shut down only once the server has read the request: it is then in flight
        // (besides the sys.info call asking).
        let observer = harness.client(poolSize: 1)
        var inFlight = 0
        let deadline = ContinuousClock.now + .seconds(5)
        while inFlight < 2, ContinuousClock.now < deadline {
            inFlight = try await observer.call(SysInfo.self, WireEmpty(), .background("t")).inFlight
        }
        await observer.close()
        #expect(inFlight >= 2)
        try await harness.stop()
        #expect(try await slow.tag == "drained")
        await client.close()
    }

    @Test("cancelling the server's task ends run() with a connection open and a request in flight")
    func cancellationEndsRun() async throws {
        let directory = try TemporaryDirectory()
        let socketPath = directory.file("cancel.sock")
        let server = WireServer(
            configuration: .init(socketPath: socketPath, serviceName: "test-service"),
            handlers: WireServerHarness.testHandlers, logger: Logger(label: "wire-test"))
        let running = Task { try await server.run() }
        let client = WireClient(configuration: .init(socketPath: socketPath, serviceName: "test-service", callTimeout: .seconds(30)))
        #expect(await client.waitUntilHealthy())
        let slow = Task { try await client.call(TestSleep.self, .init(ms: 20_000, tag: "slow"), .background("slow")) }
        let deadline = ContinuousClock.now + .seconds(10)
        while server.inFlightCount == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(server.inFlightCount == 1)
        let clock = ContinuousClock()
        let cancelled = clock.now
        running.cancel()
        // Waited for from a task of its own, so a run() that never returns fails the test
        // instead of hanging it.
        let stopped = Atomic<Bool>(false)
        Task {
            _ = try? await running.value
            stopped.store(true, ordering: .relaxed)
        }
        while !stopped.load(ordering: .relaxed), clock.now - cancelled < .seconds(15) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let returned = stopped.load(ordering: .relaxed)
        #expect(returned, "run() did not return after its task was cancelled")
        // The slow request's 20 s sleep was cancelled with it.
        #expect(clock.now - cancelled < .seconds(10))
        #expect(server.inFlightCount == 0)
        let outcome = await slow.result
        #expect(throws: WireError.self) { try outcome.get() }
        await client.close()
    }

    @Test("many concurrent callers all get their own answers")
    func concurrentCallers() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let client = harness.client(poolSize: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<32 {
                group.addTask {
                    for call in 0..<50 {
                        let number = caller * 1000 + call
                        let echoed = try await client.call(TestEcho.self, .init(text: "c\(caller)", number: number), .background("t"))
                        #expect(echoed.number == number)
                        #expect(echoed.text == "c\(caller)")
                    }
                }
            }
            try await group.waitForAll()
        }
        await client.close()
        try await harness.stop()
    }
}
