import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceSupport
import Wire

/// `swift run -c release wire-bench`: round trips per second and latency of a small Wire
/// request against a real `WireServer` in another process, with 1 and with 16 callers.

struct WireBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wire-bench",
        abstract: "Measures Wire round trips per second and p50/p99 latency over a Unix socket.",
        subcommands: [Run.self, Serve.self],
        defaultSubcommand: Run.self
    )

    /// The benchmark itself: starts `wire-bench serve` as a child process and calls it.
    struct Run: AsyncParsableCommand {
        @Option(help: "Seconds to measure each caller count.") var seconds: Double = 5
        @Option(help: "Caller counts to measure, comma-separated.") var callers: String = "1,16"
        @Option(help: "Connections in the client's pool.") var poolSize: Int = 4

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-bench-\(getpid())").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let socketPath = folder + "/bench.sock"

            let server = Process()
            server.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            server.arguments = ["serve", "--socket", socketPath]
            try server.run()
            defer { server.terminate(); server.waitUntilExit() }

            let client = WireClient(configuration: .init(socketPath: socketPath, serviceName: "bench-server", poolSize: poolSize))
            try await waitForServer(client)
            let payloadBytes = try JSONEncoder().encode(BenchEcho.sample).count
            print("wire-bench: concurrency on event loops: \(onEventLoops), \(payloadBytes)-byte params, \(seconds) s per row, pool of \(poolSize) connections, server pid \(server.processIdentifier)")
            print("| callers | round trips/s | p50 µs | p99 µs |")
            print("|---:|---:|---:|---:|")
            for count in callers.split(separator: ",").compactMap({ Int($0) }) {
                // A short warm-up so connections are open and code paths are hot.
                _ = try await measure(client: client, callers: count, duration: .milliseconds(500))
                let (rate, latencies) = try await measure(client: client, callers: count, duration: .milliseconds(Int64(seconds * 1000)))
                print("| \(count) | \(Int(rate)) | \(format(latencies.percentile(0.50))) | \(format(latencies.percentile(0.99))) |")
            }
            await client.close()
        }

        private func waitForServer(_ client: WireClient) async throws {
            for _ in 0..<200 {
                if (try? await client.call(SysHealth.self, WireEmpty(), .background("bench"), timeout: .seconds(1))) != nil { return }
                try await Task.sleep(for: .milliseconds(25))
            }
            throw ValidationError("the bench server did not start")
        }

        private func measure(client: WireClient, callers: Int, duration: Duration) async throws -> (Double, LatencyRecorder) {
            let clock = ContinuousClock()
            let started = clock.now
            let end = started + duration
            let recorders = try await withThrowingTaskGroup(of: LatencyRecorder.self) { group in
                for _ in 0..<callers {
                    group.addTask {
                        var recorder = LatencyRecorder()
                        let ctx = WireContext(correlationID: "bench", telegramID: 1)
                        while clock.now < end {
                            let sent = clock.now
                            _ = try await client.call(BenchEcho.self, BenchEcho.sample, ctx)
                            recorder.record(clock.now - sent)
                        }
                        return recorder
                    }
                }
                var all: [LatencyRecorder] = []
                for try await recorder in group { all.append(recorder) }
                return all
            }
            var merged = LatencyRecorder()
            for recorder in recorders { merged.merge(recorder) }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return (Double(merged.samples.count) / seconds, merged)
        }

        private func format(_ microseconds: Double) -> String {
            String(format: "%.0f", microseconds)
        }
    }

    /// The server half: a plain `WireServer` answering `bench.echo`, until SIGTERM.
    struct Serve: AsyncParsableCommand {
        @Option(help: "Unix socket to listen on.") var socket: String

        func run() async throws {
            var logger = Logger(label: "wire-bench")
            logger.logLevel = .warning
            var handlers = WireHandlerTable()
            handlers.register(BenchEcho.self) { params, _ in params }
            let server = WireServer(configuration: .init(socketPath: socket, serviceName: "bench-server"), handlers: handlers, logger: logger)
            try await ServiceHost.run([server], logger: logger)
        }
    }
}
