import NIOCore
import NIOHTTP1
import NIOPosix

/// Makes the HTTP(S) requests the services send out: Telegram, web pages, the LLM, the
/// gateway, health checks.
///
/// One connection per request, closed once the response is handled, so there is no pool to
/// shut down. Redirects are never followed: a 3xx comes back like any other answer, and a
/// caller that follows it (the web page fetcher) checks every hop itself.
public struct HTTPClient: Sendable {
    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// A client with the default configuration, for callers with no settings of their own.
    public static let shared = HTTPClient()

    /// Sends `request` and hands the response to `handle` while the connection is open; the
    /// connection is closed when `handle` returns or throws.
    ///
    /// The whole exchange (connecting, sending, and reading the response inside `handle`) must
    /// end within `timeout`: past it the connection is closed and reads throw
    /// `Error.deadlineExceeded`. The client's own failures are `HTTPClient.Error`; whatever
    /// `handle` throws comes out as it is.
    public func execute<Value: Sendable>(
        _ request: HTTPClientRequest, timeout: Duration, _ handle: (HTTPClientResponse) async throws -> Value
    ) async throws -> Value {
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let url = try RequestURL(parsing: request.url)
        let tlsFailure = TLSFailure()
        let connection = try await connect(to: url, deadline: deadline, tlsFailure: tlsFailure)
        let channel = connection.channel
        // Closing the channel ends every read and write in progress, wherever it waits.
        let closeAtDeadline = channel.eventLoop.scheduleTask(deadline: deadline) { channel.close(promise: nil) }
        defer { closeAtDeadline.cancel() }
        return try await withTaskCancellationHandler {
            try await connection.executeThenClose { inbound, outbound in
                let reader = ResponsePartReader(inbound: inbound, deadline: deadline, tlsFailure: tlsFailure)
                var writeFailure: HTTPClient.Error?
                do {
                    try await outbound.write(contentsOf: request.parts(for: url))
                } catch {
                    writeFailure = reader.failure(error)
                }
                // A server may answer and close before taking the whole request (a 413, say):
                // its answer counts more than the failed write.
                let head: HTTPResponseHead
                do {
                    head = try await reader.head()
                } catch {
                    throw writeFailure ?? error
                }
                return try await handle(HTTPClientResponse(head: head, reader: reader))
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}
