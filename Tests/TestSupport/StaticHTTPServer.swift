import HTTPTypes
import HTTPServing
import NIOCore

/// A small web site on 127.0.0.1 for URL-ingestion tests: fixed pages by path, a redirect
/// or two, served on a free port until `stop()`.
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

    private let server: LocalHTTPServer

    public var port: Int { server.port }

    /// `http://127.0.0.1:<port>` followed by `path`.
    public func url(_ path: String) -> String { server.baseURL + path }

    private init(server: LocalHTTPServer) {
        self.server = server
    }

    /// Starts serving `pages` (keyed by path, e.g. `/docs/index.html`); other paths are 404.
    public static func start(pages: [String: Page]) async throws -> StaticHTTPServer {
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let page = pages[String(request.uri.path)] else { return Response(status: .notFound) }
            if let location = page.redirect {
                return Response(status: .found, headers: [.location: location])
            }
            return Response(status: .ok, headers: [.contentType: page.contentType], body: ByteBuffer(string: page.body))
        }
        return StaticHTTPServer(server: try await LocalHTTPServer.start(router, name: "static-test-site"))
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        await server.stop()
    }

    /// Runs `body` with a site serving `pages` up, and stops it afterwards, also when `body` throws.
    public static func serving<Value>(_ pages: [String: Page], _ body: (StaticHTTPServer) async throws -> Value) async throws -> Value {
        let site = try await start(pages: pages)
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(site))
        } catch {
            result = .failure(error)
        }
        await site.stop()
        return try result.get()
    }
}
