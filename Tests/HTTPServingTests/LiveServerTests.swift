import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@testable import HTTPServing

/// A body a route kept past its answer.
private let kept = Mutex<RequestBody?>(nil)
/// How many requests `/slow` has begun.
private let slowStarted = Mutex(0)

@Suite(.serialized) struct LiveServerTests {
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/echo") { request, _ in
            Response(status: .ok, body: try await request.body.collect(upTo: 1 << 20))
        }
        router.post("/ignore-body") { _, _ in Response(status: .accepted) }
        router.post("/small") { request, _ in
            Response(status: .ok, body: try await request.body.collect(upTo: 10))
        }
        router.get("/fail") { _, _ in throw HTTPError(.conflict, message: "taken") }
        router.get("/slow") { _, _ in
            slowStarted.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(300))
            return Response(status: .ok, body: ByteBuffer(string: "late"))
        }
        router.post("/keep-body") { request, _ in
            kept.withLock { $0 = request.body }
            return Response(status: .ok)
        }
        return router
    }

    @Test("bodies stream to the route; an unknown route is 404, an HTTPError its status, a body past the limit 413")
    func answers() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        let client = TestHTTPClient(port: server.port)
        let big = ByteBuffer(repeating: 0x61, count: 300_000)
        let echoed = try await client.execute(uri: "/echo", method: .post, body: big)
        #expect(echoed.status == .ok && echoed.body == big)
        #expect(try await client.execute(uri: "/nowhere", method: .get).status == .notFound)
        let failed = try await client.execute(uri: "/fail", method: .get)
        #expect(failed.status == .conflict && String(buffer: failed.body) == "taken")
        #expect(try await client.execute(uri: "/small", method: .post, body: ByteBuffer(string: "far more than ten bytes")).status == .contentTooLarge)
        await server.stop()
    }

    /// Writes `requests` on one connection and reads the statuses and bodies of the answers.
    static func exchange(port: Int, _ requests: [HTTPClientRequestPart]) async throws -> [(HTTPResponseStatus, String)] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
            }
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(contentsOf: requests)
            var answers: [(HTTPResponseStatus, String)] = []
            var status = HTTPResponseStatus.imATeapot
            var body = ""
            for try await part in inbound {
                switch part {
                case .head(let head): (status, body) = (head.status, "")
                case .body(let chunk): body += String(buffer: chunk)
                case .end: answers.append((status, body))
                }
                if answers.count == requests.filter({ if case .head = $0 { true } else { false } }).count { break }
            }
            return answers
        }
    }

    static func post(_ path: String, _ body: String) -> [HTTPClientRequestPart] {
        let headers: HTTPHeaders = ["host": "127.0.0.1", "content-length": String(body.utf8.count)]
        return [.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: path, headers: headers)), .body(.byteBuffer(ByteBuffer(string: body))), .end(nil)]
    }

    @Test("one connection carries several requests, also past a small body the route left unread")
    func keepAlive() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        let answers = try await Self.exchange(
            port: server.port, Self.post("/echo", "first") + Self.post("/ignore-body", "never read") + Self.post("/echo", "third"))
        #expect(answers.map(\.0) == [.ok, .accepted, .ok])
        #expect(answers.map(\.1) == ["first", "", "third"])
        await server.stop()
    }

    @Test("a large body the route left unread is not drained: the answer closes the connection")
    func largeUnreadBodyCloses() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        // A megabyte announced, ten bytes sent: draining would wait for the rest.
        let headers: HTTPHeaders = ["host": "127.0.0.1", "content-length": "1000000"]
        let answers = try await Self.exchange(
            port: server.port,
            [.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/ignore-body", headers: headers)), .body(.byteBuffer(ByteBuffer(string: "ten bytes!")))])
        #expect(answers.map(\.0) == [.accepted])
        await server.stop()
    }

    @Test("HEAD is answered by the GET route without a body; a known path with another method is 405 with Allow")
    func headAndMethods() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        let client = TestHTTPClient(port: server.port)
        let head = try await client.execute(uri: "/slow", method: .head)
        #expect(head.status == .ok && head.body.readableBytes == 0 && head.headers[.contentLength] == "4")
        let wrong = try await client.execute(uri: "/echo", method: .get)
        #expect(wrong.status == .methodNotAllowed && wrong.headers[.allow] == "POST")
        let getOnly = try await client.execute(uri: "/fail", method: .delete)
        #expect(getOnly.headers[.allow] == "GET")
        await server.stop()
    }

    @Test("a streamed body kept past its answer cannot read the connection's next request")
    func bodyOutlivesRequest() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        // Over the inline limit, so it streams; under the skip limit, so the connection stays.
        let large = String(repeating: "k", count: 2 * HTTPConnectionHandler<BasicRequestContext>.inlineBodyLimit)
        let answers = try await Self.exchange(port: server.port, Self.post("/keep-body", large) + Self.post("/echo", "next"))
        #expect(answers.map(\.1) == ["", "next"])
        let body = try #require(kept.withLock { $0 })
        await #expect(throws: RequestBody.OutlivedRequest.self) { _ = try await body.collect(upTo: 1 << 20) }
        await server.stop()
    }

    @Test("a streamed body is read once: a second reader is refused, not given the stream")
    func streamedBodyReadTwice() async throws {
        let router = Router()
        let large = ByteBuffer(repeating: 0x62, count: 3 * HTTPConnectionHandler<BasicRequestContext>.inlineBodyLimit)
        router.post("/twice") { request, _ in
            let first = try await request.body.collect(upTo: 1 << 20)
            do {
                _ = try await request.body.collect(upTo: 1 << 20)
                return Response(status: .internalServerError)
            } catch is RequestBody.ReadTwice {
                return Response(status: .ok, body: first)
            }
        }
        let server = try await LocalHTTPServer.start(router, name: "live-test")
        let answer = try await TestHTTPClient(port: server.port).execute(uri: "/twice", method: .post, body: large)
        #expect(answer.status == .ok && answer.body == large)
        await server.stop()
    }

    @Test("a slow reader gets a large body whole: reading pauses and resumes with its demand")
    func slowReaderBackPressure() async throws {
        let router = Router()
        router.post("/slow-sum") { request, _ in
            var bytes = 0
            var checksum: UInt64 = 0
            var chunks = 0
            for try await chunk in request.body {
                chunks += 1
                if chunks % 16 == 0 { try await Task.sleep(for: .milliseconds(1)) }
                bytes += chunk.readableBytes
                for byte in chunk.readableBytesView { checksum = checksum &* 31 &+ UInt64(byte) }
            }
            return Response(status: .ok, body: ByteBuffer(string: "\(bytes) \(checksum)"))
        }
        let server = try await LocalHTTPServer.start(router, name: "live-test")
        var body = ByteBuffer()
        var expected: UInt64 = 0
        for index in 0..<(1 << 20) {
            let byte = UInt8(truncatingIfNeeded: index &* 7 &+ index >> 9)
            body.writeInteger(byte)
            expected = expected &* 31 &+ UInt64(byte)
        }
        let answer = try await TestHTTPClient(port: server.port).execute(uri: "/slow-sum", method: .post, body: body)
        #expect(answer.status == .ok && String(buffer: answer.body) == "\(1 << 20) \(expected)")
        await server.stop()
    }

    /// Writes raw bytes on one connection and reads until the server closes it.
    static func rawExchange(port: Int, _ bytes: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: bytes))
            var received = ""
            for try await chunk in inbound { received += String(buffer: chunk) }
            return received
        }
    }

    @Test("a request that does not parse is answered 400 in its turn, after the one before it, and the connection closes")
    func unparsableBehindPipelined() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        let received = try await Self.rawExchange(
            port: server.port, "GET /slow HTTP/1.1\r\nhost: x\r\n\r\nNOT HTTP AT ALL\r\n\r\nGET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
        // The statuses in the order they came (a body is not followed by a line break).
        let statuses = received.split(separator: "HTTP/1.1 ", omittingEmptySubsequences: false).dropFirst().map { String($0.prefix(3)) }
        #expect(statuses == ["200", "400"], "\(received)")
        #expect(received.contains("late"))
        // Idle, the same bytes are answered at once.
        let alone = try await Self.rawExchange(port: server.port, "NOT HTTP AT ALL\r\n\r\n")
        #expect(alone.hasPrefix("HTTP/1.1 400 Bad Request"))
        await server.stop()
    }

    @Test("thousands of requests pipelined behind a slow one pause reading, then are all answered in order")
    func manyPipelinedBehindSlow() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        // Over `maxQueuedBytes` of heads behind the slow request.
        let count = 2 * HTTPConnectionHandler<BasicRequestContext>.maxQueuedBytes / 256
        let get: [HTTPClientRequestPart] = [.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/fail", headers: ["host": "x"])), .end(nil)]
        let slow: [HTTPClientRequestPart] = [.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/slow", headers: ["host": "x"])), .end(nil)]
        let answers = try await Self.exchange(port: server.port, slow + Array(repeating: get, count: count).flatMap { $0 })
        #expect(answers.count == count + 1)
        #expect(answers.first?.1 == "late")
        #expect(answers.dropFirst().allSatisfy { $0 == (.conflict, "taken") })
        await server.stop()
    }

    @Test("pipelined requests are answered in order, small and streamed bodies alike")
    func pipelined() async throws {
        let server = try await LocalHTTPServer.start(Self.router(), name: "live-test")
        let large = String(repeating: "p", count: 3 * HTTPConnectionHandler<BasicRequestContext>.inlineBodyLimit)
        var requests: [HTTPClientRequestPart] = []
        for index in 0..<20 {
            requests += Self.post("/echo", index % 5 == 4 ? large : "request \(index)")
        }
        let answers = try await Self.exchange(port: server.port, requests)
        #expect(answers.map(\.0) == Array(repeating: .ok, count: 20))
        #expect(answers.map(\.1) == (0..<20).map { $0 % 5 == 4 ? large : "request \($0)" })
        await server.stop()
    }

    @Test("cancelling the server cancels a route in progress, closes its connection and returns")
    func cancellationEndsRoutes() async throws {
        let cancelled = Mutex(false)
        let started = Mutex(false)
        let router = Router()
        router.get("/hang") { _, _ in
            started.withLock { $0 = true }
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
            return Response(status: .ok)
        }
        let server = try await LocalHTTPServer.start(router, name: "live-test")
        let request = Task { try await TestHTTPClient(port: server.port).execute(uri: "/hang", method: .get) }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let clock = ContinuousClock()
        let stopping = clock.now
        await server.stop()
        #expect(clock.now - stopping < .seconds(5))
        #expect(cancelled.withLock { $0 })
        // The connection closed without an answer.
        await #expect(throws: (any Error).self) { _ = try await request.value }
    }

    /// Runs a server in a service group; `body` gets its port and the group to shut down,
    /// and the server must have returned when `body` does.
    static func withServiceGroup(_ body: @escaping @Sendable (Int, ServiceGroup) async throws -> Void) async throws {
        let ports = Mutex<Int?>(nil)
        let server = HTTPServer(router: Self.router(), host: "127.0.0.1", port: 0, logger: Logger(label: "live-test")) { port in
            ports.withLock { $0 = port }
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], logger: Logger(label: "live-test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while ports.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            let port = try #require(ports.withLock { $0 })
            try await body(port, group)
            try await tasks.waitForAll()  // would wait forever if a connection kept the server up
        }
    }

    @Test("graceful shutdown closes an idle keep-alive connection and returns")
    func gracefulShutdown() async throws {
        try await Self.withServiceGroup { port, group in
            // A connection that stays open after its answer.
            let idle = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
            try await idle.writeAndFlush(ByteBuffer(string: "POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\nhi")).get()
            try await Task.sleep(for: .milliseconds(100))
            await group.triggerGracefulShutdown()
            try await idle.closeFuture.get()
        }
    }

    @Test("graceful shutdown lets a request in progress get its answer")
    func shutdownFinishesBusyConnection() async throws {
        try await Self.withServiceGroup { port, group in
            let before = slowStarted.withLock { $0 }
            async let answer = TestHTTPClient(port: port).execute(uri: "/slow", method: .get)
            // Shut down once the route is running: the connection is busy, not idle.
            while slowStarted.withLock({ $0 }) == before { try await Task.sleep(for: .milliseconds(5)) }
            await group.triggerGracefulShutdown()
            let response = try await answer
            #expect(response.status == .ok && String(buffer: response.body) == "late")
        }
    }
}
