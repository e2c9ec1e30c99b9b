import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP

/// A small typed client of the Telegram Bot API: one JSON POST per method, the `ok` wrapper
/// unwrapped, failures classified so callers can tell "wait", "retry" and "give up" apart.
public struct TelegramClient: Sendable {
    /// Why a call failed.
    public enum Failure: Error, Sendable, Equatable {
        /// Telegram answered `ok: false`; `retryAfter` comes with 429.
        case api(code: Int, description: String, retryAfter: Int?)
        /// No answer: connection refused, reset, timed out.
        case transport(String)
        /// An answer we could not read.
        case malformed(String)

        /// 429: wait `retryAfter` seconds, then the same call may succeed.
        public var retryAfter: Int? {
            if case .api(429, _, let seconds) = self { return seconds ?? 1 }
            return nil
        }

        /// Worth retrying after a pause: no answer, or a server-side error.
        public var isTransient: Bool {
            switch self {
            case .transport: true
            case .api(let code, _, _): code >= 500
            case .malformed: false
            }
        }

        /// `Bad Request: can't parse entities…`: the HTML was refused; plain text will pass.
        public var isEntityError: Bool {
            if case .api(400, let description, _) = self { return description.localizedCaseInsensitiveContains("can't parse entities") }
            return false
        }

        /// `Bad Request: message is not modified`: an edit to the same text, harmless.
        public var isNotModified: Bool {
            if case .api(400, let description, _) = self { return description.localizedCaseInsensitiveContains("message is not modified") }
            return false
        }
    }

    let http: HTTPClient
    let baseURL: String
    let token: String
    let requestTimeout: Duration

    /// A client on the process-wide `HTTPClient.shared`.
    public init(baseURL: String, token: String) {
        self.init(http: .shared, baseURL: baseURL, token: token)
    }

    public init(http: HTTPClient, baseURL: String, token: String, requestTimeout: Duration = .seconds(15)) {
        self.http = http
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.requestTimeout = requestTimeout
    }

    /// Calls `method` with `parameters` as JSON; `extraTimeout` covers long polling.
    func call<Parameters: Encodable & Sendable, Result: Decodable>(
        _ method: String, _ parameters: Parameters, as: Result.Type, extraTimeout: Duration = .zero
    ) async throws(Failure) -> Result {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token)/\(method)", method: .POST)
        request.headers.add(name: "Content-Type", value: "application/json")
        let body: Data
        do {
            body = try JSONEncoder().encode(parameters)
        } catch {
            throw .malformed("cannot encode \(method) parameters")
        }
        request.body = ByteBuffer(bytes: body)
        let bytes: ByteBuffer
        do {
            bytes = try await http.execute(request, timeout: requestTimeout + extraTimeout, maxBodyBytes: 8 << 20).body
        } catch {
            throw .transport("\(method): \(error)")
        }
        let decoded: TelegramResponse<Result>
        do {
            decoded = try JSONDecoder().decode(TelegramResponse<Result>.self, from: Data(bytes.readableBytesView))
        } catch {
            throw .malformed("\(method): \(error)")
        }
        guard decoded.ok, let result = decoded.result else {
            throw .api(code: decoded.errorCode ?? 0, description: decoded.description ?? "", retryAfter: decoded.parameters?.retryAfter)
        }
        return result
    }

    /// Downloads a file `getFile` described, refusing more than `limit` bytes.
    public func download(filePath: String, limit: Int) async throws(Failure) -> ByteBuffer {
        let request = HTTPClientRequest(url: "\(baseURL)/file/bot\(token)/\(filePath)")
        do {
            return try await http.execute(request, timeout: .seconds(120)) { response in
                guard response.status == .ok else {
                    throw Failure.api(code: Int(response.status.code), description: "download failed", retryAfter: nil)
                }
                return try await response.body.collect(upTo: limit)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .transport("download: \(error)")
        }
    }
}

extension TelegramClient: CustomStringConvertible {
    /// Never the token: descriptions end up in logs.
    public var description: String { "TelegramClient(\(baseURL))" }
}
