import ServiceSupport

/// A bot-signed request's signature, checked against its body's SHA-256: at once for an
/// ordinary request (the middleware reads the body), and after the body is staged for an upload.
///
/// For an upload, the signature covers the SHA-256 of the body, and an upload may be 50 MiB: rather than
/// hold it in memory to check first, the upload route streams it to a staging file, hashing
/// it on the way, and checks the signature against that hash before it decides anything or
/// acts on the caller's behalf. A wrong signature costs the staged file, which is removed,
/// and the request ends with 401 like any other bad signature.
struct DeferredBodySignature: Sendable {
    let signature: String
    let method: String
    let pathAndQuery: String
    let timestamp: Int64
    let telegramID: Int64
    let nonce: String
    let secret: String
    let nonces: NonceRegistry

    /// Throws `unauthorized` unless the signature matches the body with this hash, and the
    /// nonce is used for the first time.
    func verify(bodySHA256: String) async throws {
        let text = BotRequestSignature.canonicalText(
            method: method, pathAndQuery: pathAndQuery, timestamp: timestamp, telegramID: telegramID, nonce: nonce,
            bodySHA256: bodySHA256)
        guard BotRequestSignature.isValid(signature, for: text, secret: secret) else {
            throw GatewayError.unauthorized("bad request signature")
        }
        guard await nonces.claim(nonce) else {
            throw GatewayError.unauthorized("this signed request was already used (nonce replayed)")
        }
    }
}
