import Foundation
import TestSupport
import Testing
import Wire

/// How long `users.authorize` takes through the real executable's socket: the gateway pays
/// this on every request.
@Suite struct AuthorizeLatencyTests {
    /// The bounds are on medians and loose, so a busy machine does not fail the test; they
    /// still catch an authorize that scans the table or writes on every call. The printed
    /// numbers are the measurement.
    @Test("users.authorize over Wire: median under 10 ms alone and under 50 ms among 16 callers")
    func authorizeOverWire() async throws {
        let service = try await UsersServiceProcess()
        let users: Int64 = 200
        for id in 1...users {
            _ = try await service.call(UsersRegister.self, .init(telegramID: id))
        }
        let clock = ContinuousClock()
        for id in 1...users {
            _ = try await service.call(UsersAuthorize.self, .init(telegramID: id, action: .query))
        }

        var sequential: [Duration] = []
        for index in 0..<2_000 {
            let started = clock.now
            let result = try await service.call(UsersAuthorize.self, .init(telegramID: Int64(index) % users + 1, action: .query))
            sequential.append(clock.now - started)
            #expect(result.allowed)
        }
        let oneAtATime = LatencySummary(sequential)

        // The same path with no database behind it, to tell the Wire round trip from the lookup.
        var health: [Duration] = []
        for _ in 0..<2_000 {
            let started = clock.now
            _ = try await service.call(SysHealth.self, WireEmpty())
            health.append(clock.now - started)
        }
        let baseline = LatencySummary(health)

        let callers = 16
        let perCaller = 250
        let client = service.client
        let started = clock.now
        let concurrent = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for caller in 0..<callers {
                group.addTask {
                    var samples: [Duration] = []
                    for index in 0..<perCaller {
                        let id = Int64(caller * perCaller + index) % users + 1
                        let callStarted = clock.now
                        _ = try await client.call(
                            UsersAuthorize.self, .init(telegramID: id, action: .manageKnowledge), .background("latency"))
                        samples.append(clock.now - callStarted)
                    }
                    return samples
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let elapsed = clock.now - started
        let parallel = LatencySummary(concurrent)
        let rate = Double(callers * perCaller) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print("sys.health over Wire, 1 caller: \(baseline)")
        print("users.authorize over Wire, 1 caller: \(oneAtATime)")
        print("users.authorize over Wire, \(callers) callers: \(parallel), \(Int(rate)) calls/s")
        #expect(oneAtATime.p50 < .milliseconds(10), "\(oneAtATime)")
        #expect(parallel.p50 < .milliseconds(50), "\(parallel)")
        #expect(await service.stop() == 0)
    }
}
