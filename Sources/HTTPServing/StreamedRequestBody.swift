import NIOCore
import Synchronization

/// A request body that is still arriving: the chunks the connection reads, handed to the
/// route through NIO's async sequence producer, whose back-pressure pauses the connection's
/// reading while the route has `highWatermark` chunks unread.
///
/// The producer allows one iterator only (a second one traps), so the first reader takes it
/// and any later one gets ``RequestBody/ReadTwice`` instead.
final class StreamedRequestBody: Sendable {
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, Demand
    >

    /// The producer's calls for more chunks, and its news that nobody will read any more.
    /// Both can come from the reading task's thread; the connection takes them on its loop.
    struct Demand: NIOAsyncSequenceProducerDelegate {
        let wanted: @Sendable () -> Void
        let terminated: @Sendable () -> Void

        func produceMore() { wanted() }
        func didTerminate() { terminated() }
    }

    private let producer: Mutex<Producer?>

    private init(_ producer: Producer) {
        self.producer = Mutex(producer)
    }

    /// A body and the source the connection feeds it through.
    static func make(demand: Demand) -> (StreamedRequestBody, Producer.Source) {
        let made = Producer.makeSequence(
            backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8), finishOnDeinit: true, delegate: demand)
        return (StreamedRequestBody(made.sequence), made.source)
    }

    /// The chunks' iterator, for the first reader only.
    func takeIterator() -> Producer.AsyncIterator? {
        producer.withLock { producer in
            defer { producer = nil }
            return producer?.makeAsyncIterator()
        }
    }
}
