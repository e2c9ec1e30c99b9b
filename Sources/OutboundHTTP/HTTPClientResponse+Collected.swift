import NIOCore
import NIOHTTP1

extension HTTPClientResponse {
    /// A response read whole, its connection closed.
    public struct Collected: Sendable {
        public var status: HTTPResponseStatus
        public var headers: HTTPHeaders
        public var body: ByteBuffer

        public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }
}

extension HTTPClient {
    /// Sends `request` and reads the whole response, its body at most `maxBodyBytes` bytes,
    /// within `timeout`.
    public func execute(
        _ request: HTTPClientRequest, timeout: Duration, maxBodyBytes: Int
    ) async throws(Error) -> HTTPClientResponse.Collected {
        do {
            return try await execute(request, timeout: timeout) { response in
                HTTPClientResponse.Collected(
                    status: response.status, headers: response.headers, body: try await response.body.collect(upTo: maxBodyBytes))
            }
        } catch let error as Error {
            throw error
        } catch {
            // Only the client's own errors reach here; anything else is a bug worth seeing.
            throw .transport("\(error)")
        }
    }
}
