import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately low-level Unix socket client for tests that must send bytes no real
/// client would: bad lengths, truncated frames, non-JSON.
///
/// The socket calls block (with a read timeout), so each runs on a thread of its own: blocking
/// the few threads of Swift's cooperative pool would stall the in-process server under test.
public final class RawSocket: @unchecked Sendable {  // the descriptor is used by one caller at a time
    public enum Failure: Error { case connect(Int32), write(Int32) }

    private let descriptor: Int32

    public init(path: String, readTimeout: TimeInterval = 5) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            let bytes = Array(path.utf8.prefix(buffer.count - 1))
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure.connect(errno)
        }
        var timeout = timeval(tv_sec: Int(readTimeout), tv_usec: Int((readTimeout - Double(Int(readTimeout))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    public func send(_ bytes: [UInt8]) async throws {
        try await Self.offload { try self.sendBlocking(bytes) }
    }

    private func sendBlocking(_ bytes: [UInt8]) throws {
        let written = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written == bytes.count else { throw Failure.write(errno) }
    }

    /// Sends one well-formed frame around `payload`.
    public func sendFrame(_ payload: String) async throws {
        try await send(Self.frame(Array(payload.utf8)))
    }

    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + payload
    }

    /// Stops sending; the server sees end of stream.
    public func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Reads one frame's payload; nil when the server closed the connection (or the read timed out).
    public func readFrame() async -> [UInt8]? {
        await Self.offload { self.readFrameBlocking() }
    }

    private func readFrameBlocking() -> [UInt8]? {
        guard let header = read(exactly: 4) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        return read(exactly: length)
    }

    /// Reads one frame and parses it as a JSON object.
    public func readJSON() async -> [String: Any]? {
        guard let payload = await readFrame() else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any]
    }

    /// True when the server has closed its side: a read returns end of stream (not a timeout).
    public func isClosedByPeer() async -> Bool {
        await Self.offload { self.isClosedByPeerBlocking() }
    }

    private func isClosedByPeerBlocking() -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, 0)
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    private func read(exactly count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + received, count - received, 0) }
            if n <= 0 { return nil }
            received += n
        }
        return buffer
    }

    private static func offload<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static func offload<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
