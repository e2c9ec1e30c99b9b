import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// `POST /api/v1/auth/telegram` (public): a Login Widget payload, or `{"init_data": "…"}` from
/// a Mini App, verified with the bot token; the user is registered (or found) and gets a
/// session token for `Authorization: Bearer`.
struct AuthRoutes {
    let services: MeshServices
    let verifier: TelegramLoginVerifier?
    let sessions: SessionTokenIssuer

    struct SessionResponse: Encodable {
        var token: String
        var expiresAt: Date
        var user: User

        enum CodingKeys: String, CodingKey {
            case token, user
            case expiresAt = "expires_at"
        }
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.post("/api/v1/auth/telegram") { request, context -> Response in
            guard let verifier else {
                throw GatewayError(.unavailable, "Telegram sign-in is off: TELEGRAM_BOT_TOKEN is not set on the gateway")
            }
            let body = try await request.decodeJSON(as: [String: JSONValue].self, context: context)
            let identity: TelegramLoginVerifier.Identity
            do {
                if let initData = body["init_data"]?.stringValue {
                    identity = try verifier.verifyInitData(initData)
                } else {
                    identity = try verifier.verifyWidget(body.compactMapValues(Self.text))
                }
            } catch let failure as TelegramLoginVerifier.Failure {
                throw Self.gatewayError(failure)
            }
            var registeredContext = context
            registeredContext.caller = .session(telegramID: identity.telegramID)
            let registered = try await services.call(
                services.users,
                UsersRegister.self,
                .init(telegramID: identity.telegramID, username: identity.username, firstName: identity.firstName, lastName: identity.lastName, languageCode: identity.languageCode),
                registeredContext
            )
            let session = sessions.issue(telegramID: identity.telegramID)
            return try JSONResponse.make(SessionResponse(token: session.token, expiresAt: session.expiresAt, user: registered.user))
        }
    }

    /// Widget fields arrive as JSON numbers or strings; the hash is over their text.
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): String(flag)
        default: nil
        }
    }

    private static func gatewayError(_ failure: TelegramLoginVerifier.Failure) -> GatewayError {
        switch failure {
        case .missingField(let field): GatewayError(.unprocessable, "sign-in data lacks \(field)", details: ["field": .string(field)])
        case .badHash: GatewayError.unauthorized("sign-in data is not signed by Telegram for this bot")
        case .expired: GatewayError.unauthorized("sign-in data is older than 24 hours; sign in again")
        }
    }
}
