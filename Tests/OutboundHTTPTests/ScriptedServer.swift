import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A TCP server on 127.0.0.1 for one test that answers every connection with the bytes the
/// test wrote, so a test can send what no well-behaved server would: a truncated body, a
/// length it never delivers, no answer at all. It records the requests it read.
final class ScriptedServer: Sendable {
    /// What the server does with each connection.
    enum Script: Sendable {
        /// Reads the request (head, then `Content-Length` bytes of body), writes the bytes,
        /// then closes the connection or holds it open until the test ends.
        case answer(String, thenClose: Bool = true)
        /// Writes the bytes as soon as the connection opens, reads nothing, holds it open.
        case greet(String)
        /// Reads the request and never answers.
        case silent
    }

    /// One request as read: its head (request line and headers) and its body.
    struct Received: Sendable {
        var head: String
        var body: String
    }

    let script: Script
    let port: Int
    private let received = Mutex<[Received]>([])

    var requests: [Received] { received.withLock { $0 } }

    private init(script: Script, port: Int) {
        self.script = script
        self.port = port
    }

    /// Runs `body` with the server listening; stops it afterwards, also when `body` throws.
    static func with<Value: Sendable>(_ script: Script, _ body: (ScriptedServer) async throws -> Value) async throws -> Value {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let server = ScriptedServer(script: script, port: try #require(listener.channel.localAddress?.port))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { try? await server.serve(connection) }
                        }
                    }
                }
            }
            // Cancelling the group ends the connections held open.
            defer { group.cancelAll() }
            let result: Result<Value, any Error>
            do {
                result = .success(try await body(server))
            } catch {
                result = .failure(error)
            }
            try? await listener.channel.close()
            return try result.get()
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            if case .greet(let bytes) = script {
                try await outbound.write(ByteBuffer(string: bytes))
            }
            var buffer = ByteBuffer()
            for try await chunk in inbound {
                buffer.writeImmutableBuffer(chunk)
                guard case .answer(let bytes, let thenClose) = script, let request = Self.request(in: buffer) else { continue }
                received.withLock { $0.append(request) }
                try await outbound.write(ByteBuffer(string: bytes))
                if thenClose { return }
                buffer.clear()
            }
        }
    }

    /// The request in `buffer`, once its head and `Content-Length` bytes of body are in.
    private static func request(in buffer: ByteBuffer) -> Received? {
        let text = String(buffer: buffer)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let head = String(text[..<end.lowerBound])
        let length =
            head.split(separator: "\r\n").lazy.compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        let body = text[end.upperBound...]
        guard body.utf8.count >= length else { return nil }
        return Received(head: head, body: String(body))
    }
}
