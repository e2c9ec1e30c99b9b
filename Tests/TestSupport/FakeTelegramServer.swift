import Foundation
import HTTPTypes
import HTTPServing
import Logging
import NIOCore

/// A fake Telegram Bot API on 127.0.0.1 for end-to-end tests of `bot-edge`: the methods the
/// bot uses, with Telegram's rules (4096 characters, HTML entity checks, 429 with
/// `parameters.retry_after` on demand, the 20 MB `getFile` cap, long polling with offsets),
/// and everything the bot sent kept in `state` for assertions.
public final class FakeTelegramServer: Sendable {
    public static let maxFileBytes = 20 * 1024 * 1024

    public let token: String
    public let state: FakeTelegramState
    private let server: LocalHTTPServer

    public var port: Int { server.port }
    /// The base URL to give the bot as `TELEGRAM_API_BASE_URL`.
    public var baseURL: String { server.baseURL }

    /// Starts a server for the bot with `token` (`<id>:<secret>`).
    public init(token: String = "424242:FAKE-token", username: String = "kb_test_bot") async throws {
        self.token = token
        let botID = Int64(token.prefix { $0 != ":" }) ?? 424242
        let state = FakeTelegramState(botID: botID, botUsername: username)
        self.state = state
        let router = Router()
        let botPath = "bot" + token
        router.post("/{bot}/{method}") { request, context -> Response in
            guard context.parameters.get("bot") == botPath else { return Self.error(401, "Unauthorized") }
            let method = context.parameters.get("method") ?? ""
            let body = try await request.body.collect(upTo: 1 << 20)
            let parameters = ((try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]) ?? [:]
            return await Self.answer(method, parameters, state: state, botID: botID, username: username)
        }
        router.get("/file/{bot}/{path}") { _, context -> Response in
            guard context.parameters.get("bot") == botPath, let path = context.parameters.get("path"),
                let file = await state.file(String(path.dropFirst("documents_".count)))
            else { return Response(status: .notFound) }
            return Response(status: .ok, body: ByteBuffer(bytes: file.bytes))
        }
        server = try await LocalHTTPServer.start(router, name: "fake-telegram")
    }

    public func stop() async {
        await server.stop()
    }

    // MARK: Methods

    static func answer(_ method: String, _ parameters: [String: Any], state: FakeTelegramState, botID: Int64, username: String) async
        -> Response
    {
        let chatID = (parameters["chat_id"] as? NSNumber)?.int64Value ?? 0
        switch method {
        case "getMe":
            return ok(["id": botID, "is_bot": true, "first_name": "Knowledge Bot", "username": username])
        case "getUpdates":
            let offset = (parameters["offset"] as? NSNumber)?.int64Value
            let timeout = (parameters["timeout"] as? NSNumber)?.intValue ?? 0
            let deadline = ContinuousClock.now + .seconds(timeout)
            while true {
                let updates = await state.takeUpdates(offset: offset, limit: (parameters["limit"] as? NSNumber)?.intValue ?? 100)
                if !updates.isEmpty || ContinuousClock.now >= deadline {
                    let objects = updates.compactMap { try? JSONSerialization.jsonObject(with: $0) }
                    return ok(objects)
                }
                do {
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    return ok([Any]())
                }
            }
        case "setWebhook":
            await state.setWebhook(url: parameters["url"] as? String, secret: parameters["secret_token"] as? String)
            return ok(true)
        case "deleteWebhook":
            await state.setWebhook(url: nil, secret: nil)
            return ok(true)
        case "setMyCommands":
            let commands = (parameters["commands"] as? [[String: Any]] ?? []).compactMap { $0["command"] as? String }
            await state.setCommands(commands, language: parameters["language_code"] as? String ?? "")
            return ok(true)
        case "sendChatAction":
            await state.recordChatAction(chatID)
            return ok(true)
        case "answerCallbackQuery":
            await state.recordCallbackAnswer(parameters["callback_query_id"] as? String ?? "")
            return ok(true)
        case "sendMessage":
            if let delay = await state.takeSendDelay() { try? await Task.sleep(for: delay) }
            let result = await state.sendMessage(
                chatID: chatID, text: parameters["text"] as? String ?? "",
                html: (parameters["parse_mode"] as? String)?.uppercased() == "HTML",
                buttons: buttons(parameters), replyTo: (parameters["reply_to_message_id"] as? NSNumber)?.int64Value)
            return messageAnswer(result, botID: botID, username: username)
        case "editMessageText":
            let result = await state.editMessage(
                chatID: chatID, messageID: (parameters["message_id"] as? NSNumber)?.int64Value ?? 0,
                text: parameters["text"] as? String ?? "",
                html: (parameters["parse_mode"] as? String)?.uppercased() == "HTML", buttons: buttons(parameters))
            return messageAnswer(result, botID: botID, username: username)
        case "getFile":
            let fileID = parameters["file_id"] as? String ?? ""
            guard let file = await state.file(fileID) else { return error(400, "Bad Request: invalid file_id") }
            guard file.size <= maxFileBytes else { return error(400, "Bad Request: file is too big") }
            return ok(["file_id": fileID, "file_unique_id": fileID, "file_size": file.size, "file_path": "documents_\(fileID)"])
        default:
            return error(404, "Not Found: method not found")
        }
    }

    static func buttons(_ parameters: [String: Any]) -> [(String, String)] {
        let markup = parameters["reply_markup"] as? [String: Any]
        let rows = markup?["inline_keyboard"] as? [[[String: Any]]] ?? []
        return rows.flatMap { $0 }.map { ($0["text"] as? String ?? "", $0["callback_data"] as? String ?? $0["url"] as? String ?? "") }
    }

    static func messageAnswer(_ result: Result<FakeTelegramState.SentMessage, FakeTelegramError>, botID: Int64, username: String)
        -> Response
    {
        switch result {
        case .success(let message):
            return ok([
                "message_id": message.messageID, "date": Int(Date().timeIntervalSince1970), "text": message.visibleText,
                "chat": ["id": message.chatID, "type": message.chatID > 0 ? "private" : "supergroup"],
                "from": ["id": botID, "is_bot": true, "first_name": "Knowledge Bot", "username": username],
            ])
        case .failure(.flood(let retryAfter)):
            return json(
                [
                    "ok": false, "error_code": 429, "description": "Too Many Requests: retry after \(retryAfter)",
                    "parameters": ["retry_after": retryAfter],
                ], status: .tooManyRequests)
        case .failure(.badRequest(let description)):
            return error(400, description)
        }
    }

    static func ok(_ result: Any) -> Response { json(["ok": true, "result": result], status: .ok) }

    static func error(_ code: Int, _ description: String) -> Response {
        json(["ok": false, "error_code": code, "description": description], status: HTTPResponse.Status(code: code))
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: data))
    }
}
