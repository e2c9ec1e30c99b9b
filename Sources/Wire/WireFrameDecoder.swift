import NIOCore
import NIOExtras

/// Splits the inbound byte stream into Wire frames: a 4-byte big-endian length N, then N bytes.
///
/// The splitting itself is NIOExtras' `LengthFieldBasedFrameDecoder`; this decoder adds the
/// protocol's bounds (1…`maxFrameLength`) and checks them as soon as a header arrives, so a
/// peer announcing a 4 GiB frame is cut off at once instead of being buffered.
public final class WireFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// A frame header the protocol does not allow; the connection closes.
    public struct BadLength: Error, Equatable, CustomStringConvertible {
        public var announced: UInt32
        public var maximum: Int

        public var description: String { "frame length \(announced) is outside 1...\(maximum)" }
    }

    private let frames = LengthFieldBasedFrameDecoder(lengthFieldBitLength: .thirtyTwoBits, lengthFieldEndianness: .big)
    private let maxFrameLength: Int
    private var headerChecked = false

    public init(maxFrameLength: Int) {
        self.maxFrameLength = maxFrameLength
    }

    public func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if !headerChecked {
            guard let announced = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self) else {
                return .needMoreData
            }
            guard announced >= 1, Int(announced) <= maxFrameLength else {
                throw BadLength(announced: announced, maximum: maxFrameLength)
            }
            headerChecked = true
        }
        let state = try frames.decode(context: context, buffer: &buffer)
        if case .continue = state {
            headerChecked = false
        }
        return state
    }

    public func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while case .continue = try decode(context: context, buffer: &buffer) {}
        // A frame cut short by the peer closing is dropped: there is nobody left to answer.
        return .needMoreData
    }
}

@available(*, unavailable)
extension WireFrameDecoder: Sendable {}

/// The handler that turns a byte stream into frames, installed on every Wire channel. The
/// other way needs none: frames are written with their length already in front
/// (`WireJSON.encodeFrame`), so each is one buffer.
public enum WireFraming {
    /// Default `WIRE_MAX_FRAME`: 8 MiB.
    public static let defaultMaxFrameLength = 8 * 1024 * 1024

    static func addHandlers(to pipeline: ChannelPipeline.SynchronousOperations, maxFrameLength: Int) throws {
        try pipeline.addHandler(ByteToMessageHandler(WireFrameDecoder(maxFrameLength: maxFrameLength)))
    }
}
