import HTTPTypes
import Hummingbird
import NIOCore

/// A small web site on 127.0.0.1 for URL-ingestion tests: fixed pages by path, a redirect
/// or two, served by Hummingbird on a free port until `stop()`.
public final class StaticHTTPServer: Sendable {
    /// One page: its content type and body, or a redirect to another path or URL.
    public struct Page: Sendable {
        public var contentType: String
        public var body: String
        public var redirect: String?

        public init(contentType: String = "text/html; charset=utf-8", body: String) {
            self.contentType = contentType
            self.body = body
        }

        public static func redirect(to location: String) -> Page {
            var page = Page(body: "")
            page.redirect = location
            return page
        }
    }

    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>` followed by `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts serving `pages` (keyed by path, e.g. `/docs/index.html`); other paths are 404.
    public static func start(pages: [String: Page]) async throws -> StaticHTTPServer {
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let page = pages[request.uri.path] else { return Response(status: .notFound) }
            if let location = page.redirect {
                return Response(status: .found, headers: [.location: location])
            }
            return Response(
                status: .ok, headers: [.contentType: page.contentType], body: .init(byteBuffer: ByteBuffer(string: page.body)))
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "static-test-site"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            }
        )
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw StartFailure()
        }
        return StaticHTTPServer(port: port, task: task)
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    struct StartFailure: Error {}
}
