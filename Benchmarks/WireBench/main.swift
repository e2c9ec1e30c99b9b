import ArgumentParser
import ServiceSupport

// Swift concurrency runs on NIO's event loop threads, so a request is not handed between
// two thread pools on its way in and out. Must happen before the first `await`.
let onEventLoops = ServiceHost.runConcurrencyOnEventLoops()
do {
    var command = try WireBench.parseAsRoot()
    switch command {
    case let run as WireBench.Run: try await run.run()
    case let serve as WireBench.Serve: try await serve.run()
    default: try command.run()
    }
} catch {
    WireBench.exit(withError: error)
}
