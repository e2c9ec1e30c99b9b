import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A small OpenAI-compatible chat-completions server on 127.0.0.1 for one test: it
/// answers every request the same way and records what it was sent.
final class LLMStubServer: Sendable {
    /// How the stub answers.
    enum Behaviour: Sendable {
        /// HTTP 200 with a chat completion whose content is the text.
        case reply(String)
        /// This HTTP status with an error body.
        case status(Int)
        /// Waits this long, then replies.
        case slow(Duration, String)
    }

    /// One request as received: its head (request line and headers) and body.
    struct Received: Sendable {
        var head: String
        var body: String
    }

    let behaviour: Behaviour
    private let received = Mutex<[Received]>([])

    var requests: [Received] { received.withLock { $0 } }

    private init(behaviour: Behaviour) {
        self.behaviour = behaviour
    }

    /// Runs `body` with the stub listening; the argument is its base URL (`http://127.0.0.1:<port>/v1`).
    static func with<T: Sendable>(_ behaviour: Behaviour, _ body: @Sendable (String, LLMStubServer) async throws -> T) async throws -> T {
        let stub = LLMStubServer(behaviour: behaviour)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { try? await stub.serve(connection) }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            let result = try await body("http://127.0.0.1:\(port)/v1", stub)
            try? await server.channel.close()
            return result
        }
    }

    /// A base URL where nothing listens: a stub's, after it stopped.
    static func deadBaseURL() async throws -> String {
        try await with(.status(500)) { url, _ in url }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var buffer = ByteBuffer()
            for try await chunk in inbound {
                buffer.writeImmutableBuffer(chunk)
                guard let request = Self.parse(buffer) else { continue }
                received.withLock { $0.append(request) }
                try await outbound.write(ByteBuffer(string: try await response()))
                return
            }
        }
    }

    private func response() async throws -> String {
        let (status, body): (Int, String)
        switch behaviour {
        case .reply(let text):
            (status, body) = (200, Self.completion(text))
        case .status(let code):
            (status, body) = (code, #"{"error":{"message":"stub failure"}}"#)
        case .slow(let delay, let text):
            try await Task.sleep(for: delay)
            (status, body) = (200, Self.completion(text))
        }
        return "HTTP/1.1 \(status) Stub\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    private static func completion(_ text: String) -> String {
        let object: [String: Any] = [
            "id": "chatcmpl-stub", "object": "chat.completion", "model": "stub",
            "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": text]]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// The request in `buffer`, once its head and `Content-Length` bytes of body are in.
    private static func parse(_ buffer: ByteBuffer) -> Received? {
        let bytes = Array(buffer.readableBytesView)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        let length = head.split(separator: "\r\n").compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        guard bytes.count >= end + 4 + length else { return nil }
        return Received(head: head, body: String(decoding: bytes[(end + 4)..<(end + 4 + length)], as: UTF8.self))
    }
}
