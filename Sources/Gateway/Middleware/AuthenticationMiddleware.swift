import Crypto
import Foundation
import ServiceSupport
import HTTPTypes
import HTTPServing
import NIOCore
import Logging

/// Works out who is calling, by exactly one of: a bot-signed request, a session token from
/// `/auth/telegram`, or the admin token. A request without credentials passes on with no
/// caller (public routes accept it, the others answer 401); wrong credentials are 401 here,
/// except a bot-signed upload's signature, which the upload route checks once the body is
/// staged (`DeferredBodySignature`).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    static let telegramIDHeader = HTTPField.Name("X-Telegram-Id")!
    static let timestampHeader = HTTPField.Name("X-Bot-Timestamp")!
    static let signatureHeader = HTTPField.Name("X-Bot-Signature")!
    static let nonceHeader = HTTPField.Name("X-Bot-Nonce")!

    let adminToken: SecretDigest
    let botSecret: String
    let sessions: SessionTokenIssuer
    let nonces: NonceRegistry
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        context.maxBodyBytes = maxBodyBytes
        // The route as matched, so `/files/` or `//files` is the upload route here too.
        if let signature = request.headers[Self.signatureHeader], context.endpointPath == IngestionRoutes.uploadPath,
            request.method == .post
        {
            // An upload is not read into memory to check its signature: the route streams it
            // to staging, hashing it on the way, and checks the signature before using it.
            // Until then nobody is the caller: the claimed id is not trusted, not even to pick
            // whose rate limit applies (the route applies it once the signature holds).
            context.deferredSignature = try signedRequest(request, signature: signature)
        } else if let signature = request.headers[Self.signatureHeader] {
            context.caller = try await authenticateBot(&request, signature: signature)
        } else if let authorization = request.headers[.authorization] {
            context.caller = try authenticateBearer(authorization)
        }
        return try await next(request, context)
    }

    private func authenticateBot(_ request: inout Request, signature: String) async throws -> Caller {
        let signed = try signedRequest(request, signature: signature)
        // The signature covers the body, so it is read (within the size limit) before the route runs.
        let body = try await request.collectBody(upTo: maxBodyBytes)
        try await signed.verify(bodySHA256: SHA256.hash(data: Array(body.readableBytesView)).hexString)
        return .bot(telegramID: signed.telegramID)
    }

    /// The signature of a bot-signed request with its headers checked, to verify against
    /// the body's hash.
    private func signedRequest(_ request: Request, signature: String) throws -> DeferredBodySignature {
        let signed = try signedHeaders(of: request)
        return DeferredBodySignature(
            signature: signature, method: request.method.rawValue, pathAndQuery: request.uri.description,
            timestamp: signed.timestamp, telegramID: signed.telegramID, nonce: signed.nonce, secret: botSecret, nonces: nonces)
    }

    /// The signed request's telegram id, timestamp (within the allowed skew) and nonce.
    private func signedHeaders(of request: Request) throws -> (telegramID: Int64, timestamp: Int64, nonce: String) {
        guard let telegramID = request.headers[Self.telegramIDHeader].flatMap(Int64.init) else {
            throw GatewayError.unauthorized("signed request without a valid X-Telegram-Id")
        }
        guard let timestamp = request.headers[Self.timestampHeader].flatMap(Int64.init) else {
            throw GatewayError.unauthorized("signed request without a valid X-Bot-Timestamp")
        }
        guard abs(Int64(Date().timeIntervalSince1970) - timestamp) <= BotRequestSignature.allowedSkew else {
            throw GatewayError.unauthorized("X-Bot-Timestamp is more than \(BotRequestSignature.allowedSkew) s from the gateway's clock")
        }
        guard let nonce = request.headers[Self.nonceHeader], CorrelationIDMiddleware.isSane(nonce) else {
            throw GatewayError.unauthorized("signed request without a valid X-Bot-Nonce")
        }
        return (telegramID, timestamp, nonce)
    }

    private func authenticateBearer(_ authorization: String) throws -> Caller {
        // The scheme is case-insensitive; only it is lowercased, not the token too.
        guard authorization.prefix(7).lowercased() == "bearer " else {
            throw GatewayError.unauthorized("Authorization must be a Bearer token")
        }
        let token = Self.trimmingSpaces(authorization.dropFirst(7))
        // Session tokens first: they are most requests, and their shape is checked before any
        // hashing, while the admin check hashes every candidate.
        if let telegramID = sessions.verify(token) {
            return .session(telegramID: telegramID)
        }
        if adminToken.matches(token) {
            return .adminToken
        }
        throw GatewayError.unauthorized("invalid or expired token")
    }

    /// `text` without the spaces and tabs around it, as `.whitespaces` trims it. Tokens are
    /// ASCII, trimmed here byte by byte; Foundation's `trimmingCharacters` bridges through
    /// `NSString` and was ~4 % of the gateway's CPU on `/me`, so it sees only other text.
    static func trimmingSpaces(_ text: Substring) -> String {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first...last])
    }
}
