import NIOCore
import NIOEmbedded
import NIOExtras
import Testing
@testable import Wire

/// The frame decoder on an `EmbeddedChannel`: bounds are checked as soon as a header arrives.
@Suite struct WireFrameDecoderTests {
    private func channel(max: Int = 16) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(WireFrameDecoder(maxFrameLength: max)))
        return channel
    }

    @Test func splitsFramesAcrossReads() throws {
        let channel = try channel()
        var buffer = channel.allocator.buffer(capacity: 16)
        buffer.writeInteger(UInt32(3))
        buffer.writeString("ab")
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        var rest = channel.allocator.buffer(capacity: 16)
        rest.writeString("c")
        rest.writeInteger(UInt32(1))
        rest.writeString("d")
        try channel.writeInbound(rest)
        #expect(try channel.readInbound(as: ByteBuffer.self).map { String(buffer: $0) } == "abc")
        #expect(try channel.readInbound(as: ByteBuffer.self).map { String(buffer: $0) } == "d")
        _ = try channel.finish()
    }

    @Test func rejectsAnOverLongHeaderBeforeItsBody() throws {
        let channel = try channel(max: 16)
        var buffer = channel.allocator.buffer(capacity: 4)
        buffer.writeInteger(UInt32(17))
        #expect(throws: WireFrameDecoder.BadLength(announced: 17, maximum: 16)) {
            try channel.writeInbound(buffer)
        }
    }

    @Test func rejectsZeroLength() throws {
        let channel = try channel()
        var buffer = channel.allocator.buffer(capacity: 4)
        buffer.writeInteger(UInt32(0))
        #expect(throws: WireFrameDecoder.BadLength(announced: 0, maximum: 16)) {
            try channel.writeInbound(buffer)
        }
    }

    @Test func acceptsExactlyTheMaximum() throws {
        let channel = try channel(max: 4)
        var buffer = channel.allocator.buffer(capacity: 8)
        buffer.writeInteger(UInt32(4))
        buffer.writeString("abcd")
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: ByteBuffer.self).map { String(buffer: $0) } == "abcd")
        _ = try channel.finish()
    }
}
