import Foundation
import NIOCore
import TestSupport
import Testing

@testable import OutboundHTTP

/// How a request fails: too much body, a server that hangs up or never answers, nothing
/// listening, a cancelled task, a URL that is not http(s).
@Suite struct HTTPClientFailureTests {
    /// A GET of `url` (`PORT` being the scripted server's port): the client's error, if any,
    /// and how long the request took. The default timeout is long: a failure that is not a timeout must not turn into one
    /// when a full test run keeps the machine busy.
    static func failure(
        _ script: ScriptedServer.Script, url: String = "http://127.0.0.1:PORT/", timeout: Duration = .seconds(30),
        maxBodyBytes: Int = 100
    ) async throws -> (HTTPClient.Error?, Duration) {
        try await ScriptedServer.with(script) { server in
            let started = ContinuousClock.now
            do {
                let request = HTTPClientRequest(url: url.replacingOccurrences(of: "PORT", with: String(server.port)))
                _ = try await HTTPClient.shared.execute(request, timeout: timeout, maxBodyBytes: maxBodyBytes)
                return (nil, ContinuousClock.now - started)
            } catch {
                return (error as? HTTPClient.Error, ContinuousClock.now - started)
            }
        }
    }

    @Test("a Content-Length over the limit is refused before the body is read")
    func declaredLengthOverLimit() async throws {
        // The server announces 5000 bytes, sends 10 and waits: only the header can refuse it in time.
        let (error, took) = try await Self.failure(
            .answer("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n0123456789", thenClose: false), timeout: .seconds(30),
            maxBodyBytes: 4999)
        #expect(error == .tooManyBytes(limit: 4999))
        #expect(took < .seconds(10))  // waiting for the body would take the whole 30 s timeout
    }

    @Test("a body at the limit is read; one byte more is refused")
    func lengthAtLimit() async throws {
        let answer = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "b", count: 5000)
        let body = try await ScriptedServer.with(.answer(answer)) { server in
            try await HTTPClient.shared.execute(.init(url: "http://127.0.0.1:\(server.port)/"), timeout: .seconds(5), maxBodyBytes: 5000)
                .body
        }
        #expect(body.readableBytes == 5000)
        #expect(try await Self.failure(.answer(answer), maxBodyBytes: 4999).0 == .tooManyBytes(limit: 4999))
    }

    /// A response whose body has no `Content-Length`, named for the test's report.
    struct UnannouncedBody: CustomTestStringConvertible, Sendable {
        var testDescription: String
        var answer: String
        var length: Int

        static let chunked = UnannouncedBody(
            testDescription: "3 chunks of 64 bytes",
            answer: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(repeating: "40\r\n" + String(repeating: "x", count: 64) + "\r\n", count: 3) + "0\r\n\r\n",
            length: 192)
        static let untilClose = UnannouncedBody(
            testDescription: "3000 bytes until the connection closes",
            answer: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + String(repeating: "x", count: 3000), length: 3000)
    }

    @Test("without a Content-Length the limit holds while the body streams", arguments: [UnannouncedBody.chunked, .untilClose])
    func streamedOverLimit(body: UnannouncedBody) async throws {
        #expect(try await Self.failure(.answer(body.answer)).0 == .tooManyBytes(limit: 100))
        let read = try await ScriptedServer.with(.answer(body.answer)) { server in
            try await HTTPClient.shared.execute(.init(url: "http://127.0.0.1:\(server.port)/"), timeout: .seconds(5), maxBodyBytes: 3000)
                .body
        }
        #expect(read.readableBytes == body.length)
    }

    @Test(
        "a server that hangs up before the whole response is a closed connection",
        arguments: ["", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", "HTTP/1.1 200 OK\r\nContent-Le"])
    func truncated(answer: String) async throws {
        let error = try await Self.failure(.answer(answer)).0
        #expect(error == .connectionClosed, "\(String(describing: error))")
    }

    @Test("a server that accepts and never answers runs into the deadline")
    func silentServer() async throws {
        let (error, took) = try await Self.failure(.silent, timeout: .milliseconds(300))
        #expect(error == .deadlineExceeded)
        // Generous: under a full test run the event loops can be busy for seconds.
        #expect(took >= .milliseconds(300) && took < .seconds(15))
    }

    @Test("a body that stops coming runs into the deadline")
    func stalledBody() async throws {
        let (error, took) = try await Self.failure(
            .answer("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n0123456789", thenClose: false), timeout: .milliseconds(300))
        #expect(error == .deadlineExceeded)
        #expect(took < .seconds(15))  // generous: under a full test run the event loops can be busy
    }

    @Test("https speaks TLS: a plain-text server fails the handshake")
    func tlsToPlainServer() async throws {
        let (error, _) = try await Self.failure(.greet("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), url: "https://127.0.0.1:PORT/")
        guard case .transport = error else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
            return
        }
    }

    @Test("a closed port fails at once, as a failed connect")
    func closedPort() async throws {
        let port = try freeLocalPort()
        let started = ContinuousClock.now
        let error = await #expect(throws: HTTPClient.Error.self) {
            _ = try await HTTPClient.shared.execute(.init(url: "http://127.0.0.1:\(port)/"), timeout: .seconds(60), maxBodyBytes: 100)
        }
        guard case .connectFailed = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        // Refused, not timed out: far below the 60 s timeout even when a full test run keeps
        // the machine so busy that this takes seconds (5.2 s was seen).
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("an address override that is not an IP address is refused, not looked up")
    func overrideNotAnAddress() async throws {
        let client = HTTPClient(configuration: .init(addressOverrides: ["pinned.invalid": "localhost"]))
        let error = await #expect(throws: HTTPClient.Error.self) {
            _ = try await client.execute(.init(url: "http://pinned.invalid:9/"), timeout: .seconds(5), maxBodyBytes: 100)
        }
        #expect(error == .connectFailed("the address given for pinned.invalid is not an IP address: localhost"))
    }

    @Test("a cancelled request ends at once")
    func cancelled() async throws {
        try await ScriptedServer.with(.silent) { server in
            let started = ContinuousClock.now
            let request = Task {
                try await HTTPClient.shared.execute(
                    .init(url: "http://127.0.0.1:\(server.port)/"), timeout: .seconds(30), maxBodyBytes: 100)
            }
            try await Task.sleep(for: .milliseconds(200))
            request.cancel()
            let outcome = await request.result
            #expect(throws: HTTPClient.Error.cancelled) { try outcome.get() }
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test(
        "anything but an http(s) URL with a host is refused before connecting",
        arguments: ["ftp://example.com/", "example.com/path", "http:///nohost", "", "http://example.com:99999/"])
    func badURL(url: String) async throws {
        await #expect(throws: HTTPClient.Error.badURL(url)) {
            _ = try await HTTPClient.shared.execute(.init(url: url), timeout: .seconds(5), maxBodyBytes: 100)
        }
    }
}
