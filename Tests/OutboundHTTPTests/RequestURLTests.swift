import NIOCore
import NIOHTTP1
import Testing

@testable import OutboundHTTP

/// URLs taken apart, and the request head built from them.
@Suite struct RequestURLTests {
    @Test func httpsWithDefaultPort() throws {
        let url = try RequestURL(parsing: "https://api.telegram.org/bot1:x/getMe?offset=5")
        #expect(url.usesTLS && url.host == "api.telegram.org" && url.port == 443 && !url.hostIsAddress)
        #expect(url.pathAndQuery == "/bot1:x/getMe?offset=5")
        #expect(url.hostHeader == "api.telegram.org")
    }

    @Test func addresses() throws {
        let v6 = try RequestURL(parsing: "http://[::1]:8080")
        #expect(v6.host == "::1" && v6.port == 8080 && v6.pathAndQuery == "/" && v6.hostIsAddress)
        #expect(v6.hostHeader == "[::1]:8080")
        let v4 = try RequestURL(parsing: "HTTP://10.0.0.1/a%20b#fragment")
        #expect(!v4.usesTLS && v4.hostIsAddress && v4.hostHeader == "10.0.0.1" && v4.pathAndQuery == "/a%20b")
        #expect(try !RequestURL(parsing: "http://1.2.3.4.example/").hostIsAddress)
    }

    /// The head of `request`, as the client sends it.
    static func head(_ request: HTTPClientRequest) throws -> HTTPRequestHead {
        let parts = request.parts(for: try RequestURL(parsing: request.url))
        guard case .head(let head) = parts.first, case .end = parts.last else { throw MissingHead() }
        return head
    }

    struct MissingHead: Error {}

    @Test("Host, Connection and Content-Length are the client's to set")
    func framingHeaders() throws {
        let post = try Self.head(
            .init(url: "http://example.com:8080/p", method: .POST, headers: ["Host": "other", "Content-Length": "99"]))
        #expect(post.headers["Host"] == ["example.com:8080"])
        #expect(post.headers["Content-Length"] == ["0"])
        #expect(post.headers["Connection"] == ["close"])
        let get = try Self.head(.init(url: "https://example.com/", headers: ["Content-Length": "3"]))
        #expect(get.headers["Content-Length"].isEmpty && get.headers["Host"] == ["example.com"])
        let patch = try Self.head(.init(url: "http://example.com/", method: .PATCH, body: ByteBuffer(string: "{}")))
        #expect(patch.headers["Content-Length"] == ["2"] && patch.method == .PATCH && patch.uri == "/")
    }
}
