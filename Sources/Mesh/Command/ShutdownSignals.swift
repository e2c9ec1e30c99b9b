import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into one call, so a signal and `mesh stop` take the same path:
/// the supervisor stops the services in order, then the mesh exits.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32], onSignal: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            // The default action would end the process before the services are stopped.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: onSignal)
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
