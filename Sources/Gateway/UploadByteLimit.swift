import Crypto
import NIOCore
import ServiceSupport
import Synchronization

/// A request body passed on chunk by chunk, failing as soon as more than `maxBytes` have
/// gone by, so an oversize upload stops at the limit instead of after it was all written.
/// It can also hash what passes, for the signature of a bot-signed upload.
struct UploadByteLimit<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let base: Base
    let maxBytes: Int
    /// Bytes seen so far, readable after the sequence failed (a file writer may wrap `Exceeded`).
    let counter: Counter

    /// More bytes came than allowed.
    struct Exceeded: Error {}

    /// A byte count shared between the iterator and whoever reads the body through it.
    final class Counter: Sendable {
        let bytes = Atomic<Int>(0)
        /// Holds nil unless hashing was asked for: only a bot-signed upload's signature needs it.
        let digest: Mutex<SHA256?>

        init(hashing: Bool = false) {
            digest = Mutex(hashing ? SHA256() : nil)
        }

        /// The SHA-256 of every byte passed on, as lowercase hex; nil when not hashing.
        var sha256Hex: String? {
            digest.withLock { $0?.finalize() }?.hexString
        }
    }

    init(base: Base, maxBytes: Int, counter: Counter = Counter()) {
        self.base = base
        self.maxBytes = maxBytes
        self.counter = counter
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let maxBytes: Int
        let counter: Counter

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            let seen = counter.bytes.add(chunk.readableBytes, ordering: .relaxed).newValue
            if seen > maxBytes { throw Exceeded() }
            chunk.withUnsafeReadableBytes { bytes in counter.digest.withLock { $0?.update(bufferPointer: bytes) } }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), maxBytes: maxBytes, counter: counter)
    }
}
