import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

@testable import OutboundHTTP

/// Requests and their answers against servers on 127.0.0.1.
@Suite struct HTTPClientTests {
    static let pages: [String: StaticHTTPServer.Page] = [
        "/doc.html": .init(body: "<p>hello</p>"),
        "/moved": .redirect(to: "/doc.html"),
    ]

    func withSite<Value>(_ body: (StaticHTTPServer) async throws -> Value) async throws -> Value {
        try await StaticHTTPServer.serving(Self.pages, body)
    }

    @Test("a page comes back whole: status, headers, body; a missing page is an answer too")
    func page() async throws {
        let (found, missing) = try await withSite { site in
            (
                try await HTTPClient.shared.execute(.init(url: site.url("/doc.html")), timeout: .seconds(5), maxBodyBytes: 1000),
                try await HTTPClient.shared.execute(.init(url: site.url("/missing")), timeout: .seconds(5), maxBodyBytes: 1000)
            )
        }
        #expect(found.status == .ok)
        #expect(found.headers.first(name: "Content-Type") == "text/html; charset=utf-8")
        #expect(String(buffer: found.body) == "<p>hello</p>")
        #expect(missing.status == .notFound)
    }

    @Test("a redirect is handed back, not followed")
    func redirect() async throws {
        let response = try await withSite { site in
            try await HTTPClient.shared.execute(.init(url: site.url("/moved")), timeout: .seconds(5), maxBodyBytes: 1000)
        }
        #expect(response.status == .found)
        #expect(response.headers.first(name: "Location") == "/doc.html")
    }

    @Test("a request goes out with its method, target, headers and body; the answer comes back")
    func requestAsSent() async throws {
        let answer = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-Answer: yes\r\n\r\nok"
        let (response, received, port) = try await ScriptedServer.with(.answer(answer)) { server in
            let request = HTTPClientRequest(
                url: "http://127.0.0.1:\(server.port)/items?x=1&y=%20", method: .POST, headers: ["X-Test": "42"],
                body: ByteBuffer(string: "hello"))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5), maxBodyBytes: 1000)
            return (response, server.requests, server.port)
        }
        #expect(response.status == .created)
        #expect(response.headers.first(name: "X-Answer") == "yes")
        #expect(String(buffer: response.body) == "ok")
        let request = try #require(received.first)
        let lines = request.head.lowercased().split(separator: "\r\n")
        #expect(lines.first == "post /items?x=1&y=%20 http/1.1")
        for line in ["host: 127.0.0.1:\(port)", "content-length: 5", "x-test: 42", "connection: close"] {
            #expect(lines.contains(Substring(line)), "\(request.head)")
        }
        #expect(request.body == "hello")
    }

    @Test("the closure sees the head first and may leave the body unread")
    func headOnly() async throws {
        let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nbusy!"
        let status = try await ScriptedServer.with(.answer(answer)) { server in
            try await HTTPClient.shared.execute(.init(url: "http://127.0.0.1:\(server.port)/health"), timeout: .seconds(5)) {
                $0.status.code
            }
        }
        #expect(status == 503)
    }

    @Test(
        "an address override connects to the address given, the URL's host still in Host",
        arguments: [
            ("http://Pinned.Invalid:PORT/x", ["pinned.invalid": "127.0.0.1"], "host: pinned.invalid:PORT"),
            ("http://[::1]:PORT/x", ["::1": "127.0.0.1"], "host: [::1]:PORT"),
        ])
    func addressOverride(url: String, overrides: [String: String], host: String) async throws {
        let client = HTTPClient(configuration: .init(addressOverrides: overrides))
        let (response, received, port) = try await ScriptedServer.with(.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            server in
            let response = try await client.execute(
                .init(url: url.replacingOccurrences(of: "PORT", with: String(server.port))), timeout: .seconds(5), maxBodyBytes: 10)
            return (response, server.requests, server.port)
        }
        #expect(response.status == .ok)
        let head = try #require(received.first?.head.lowercased())
        #expect(head.split(separator: "\r\n").contains(Substring(host.replacingOccurrences(of: "PORT", with: String(port)))), "\(head)")
    }
}
