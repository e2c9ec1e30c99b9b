import HTTPServing
import Logging
import ServiceLifecycle

/// An HTTP server on a free port of 127.0.0.1, run by a test until `stop()`.
public final class LocalHTTPServer: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Serves `router` until `stop()`.
    public static func start<Context: RequestContext>(_ router: Router<Context>, name: String) async throws -> LocalHTTPServer {
        try await start { onListening in
            HTTPServer(router: router, host: "127.0.0.1", port: 0, logger: Logger(label: name), onListening: onListening)
        }
    }

    /// Runs the server `make` builds (it must bind 127.0.0.1 port 0 and report its port
    /// through the closure it is given) until `stop()`.
    public static func start(_ make: (@escaping @Sendable (Int) async -> Void) -> some Service) async throws -> LocalHTTPServer {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = make { port in
            portSink.yield(port)
            portSink.finish()
        }
        let task = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            _ = await task.result
            throw StartFailure()
        }
        return LocalHTTPServer(port: port, task: task)
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }

    deinit { task.cancel() }

    struct StartFailure: Error {}
}
