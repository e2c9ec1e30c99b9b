import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP
import ServiceSupport

/// The bot's only way into the mesh: HTTP calls to the gateway, each signed for the Telegram
/// user it is made for and tagged with the update being handled, so the update id is the
/// correlation id through every service.
public struct GatewayClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    let secret: String
    let timeout: Duration

    public init(http: HTTPClient, baseURL: String, secret: String, timeout: Duration = .seconds(60)) {
        self.http = http
        self.timeout = timeout
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.secret = secret
    }

    /// Who a call is made for, and in answer to which update.
    public struct Caller: Sendable, Equatable {
        public var telegramID: Int64
        public var updateID: Int64?

        public init(telegramID: Int64, updateID: Int64?) {
            self.telegramID = telegramID
            self.updateID = updateID
        }
    }

    /// Sends one signed request; `pathAndQuery` starts with `/api/v1/`. A non-2xx answer
    /// throws `GatewayFailure` decoded from the error envelope.
    public func send(
        _ method: HTTPMethod, _ pathAndQuery: String, body: [UInt8] = [], contentType: String = "application/json", as caller: Caller
    ) async throws(GatewayFailure) -> [UInt8] {
        var request = HTTPClientRequest(url: baseURL + pathAndQuery, method: method)
        let timestamp = Int64(Date().timeIntervalSince1970)
        let nonce = UUID().uuidString
        let text = BotRequestSignature.canonicalText(
            method: method.rawValue, pathAndQuery: pathAndQuery, timestamp: timestamp, telegramID: caller.telegramID, nonce: nonce,
            body: body)
        request.headers.add(name: "X-Telegram-Id", value: String(caller.telegramID))
        request.headers.add(name: "X-Bot-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-Bot-Nonce", value: nonce)
        request.headers.add(name: "X-Bot-Signature", value: BotRequestSignature.sign(text, secret: secret))
        if let updateID = caller.updateID {
            request.headers.add(name: "X-Telegram-Update-Id", value: String(updateID))
        }
        if !body.isEmpty || method == .POST || method == .PATCH {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = ByteBuffer(bytes: body)
        }
        let status: Int
        let bytes: ByteBuffer
        let retryHeader: String?
        do {
            let response = try await http.execute(request, timeout: timeout, maxBodyBytes: 16 << 20)
            status = Int(response.status.code)
            retryHeader = response.headers.first(name: "Retry-After")
            bytes = response.body
        } catch {
            throw .unavailable
        }
        let data = Array(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            throw GatewayFailure(status: status, envelope: data, retryAfterHeader: retryHeader)
        }
        return data
    }

    /// A JSON call: `body` encoded, the answer decoded as `Result`.
    public func call<Body: Encodable, Result: Decodable>(_ method: HTTPMethod, _ pathAndQuery: String, json body: Body, as caller: Caller)
        async throws(GatewayFailure) -> Result
    {
        let bytes: [UInt8]
        do {
            bytes = Array(try JSONEncoder().encode(body))
        } catch {
            throw .invalid(message: "cannot encode the request")
        }
        return try decode(try await send(method, pathAndQuery, body: bytes, as: caller))
    }

    /// A call without a body (GET, DELETE), the answer decoded as `Result`.
    public func call<Result: Decodable>(_ method: HTTPMethod, _ pathAndQuery: String, as caller: Caller) async throws(GatewayFailure)
        -> Result
    {
        try decode(try await send(method, pathAndQuery, as: caller))
    }

    private func decode<Result: Decodable>(_ answer: [UInt8]) throws(GatewayFailure) -> Result {
        do {
            return try JSONDecoder().decode(Result.self, from: Data(answer))
        } catch {
            throw .other(code: "malformed_answer")
        }
    }

    /// A request without a body.
    public struct Empty: Codable, Sendable {}
}

extension GatewayClient: CustomStringConvertible {
    /// Never the secret: descriptions end up in logs.
    public var description: String { "GatewayClient(\(baseURL))" }
}
