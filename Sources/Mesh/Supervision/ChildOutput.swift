import NIOCore
import NIOPosix
import Synchronization

/// The read end of a child's output pipe, read line by line on the event loop.
final class ChildOutput: Sendable {
    /// The descriptor until `forwardLines` takes it over.
    private let descriptor: Mutex<Int32?>

    init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    /// Reads until the pipe closes (every writer has exited) or the task is cancelled,
    /// handing each complete line to `sink`; a last line without newline comes at the end.
    func forwardLines(to sink: @Sendable (String) -> Void) async {
        guard let descriptor = descriptor.withLock({ $0.take() }) else { return }
        var splitter = LineSplitter()
        do {
            let channel = try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .takingOwnershipOfDescriptor(input: descriptor) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, Never>(wrappingChannelSynchronously: channel)
                    }
                }
            try await channel.executeThenClose { inbound in
                for try await var chunk in inbound {
                    for line in splitter.append(&chunk) { sink(line) }
                }
            }
        } catch {
            // Cancelled or the pipe broke: what was read so far has been handed on.
        }
        if let rest = splitter.finish() { sink(rest) }
    }
}
