import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP

/// A client of one OpenAI-compatible `POST /chat/completions` endpoint (OpenAI, Ollama,
/// llama.cpp server, vLLM), through the process-wide `HTTPClient.shared`.
struct ChatCompletionsClient: Sendable {
    /// Why a completion failed; the built-in answerer takes over.
    enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case timeout
        case transport(String)
        case status(Int, String)
        case malformedResponse(String)

        var description: String {
            switch self {
            case .timeout: "the LLM did not answer in time"
            case .transport(let reason): "the LLM could not be reached: \(reason)"
            case .status(let status, let body): "the LLM answered HTTP \(status): \(body)"
            case .malformedResponse(let reason): "the LLM's answer is not a chat completion: \(reason)"
            }
        }
    }

    /// One message of the conversation.
    struct Message: Codable, Sendable, Equatable {
        var role: String
        var content: String
    }

    let settings: LLMSettings
    /// The largest response body read.
    static let maximumResponseBytes = 4 << 20

    /// The assistant's reply to `messages`.
    func complete(_ messages: [Message]) async throws(Error) -> String {
        var request = HTTPClientRequest(url: settings.baseURL + "/chat/completions", method: .POST)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = settings.apiKey {
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        let body = RequestBody(model: settings.model, messages: messages, temperature: 0.2, stream: false)
        do {
            request.body = ByteBuffer(bytes: try JSONEncoder().encode(body))
        } catch {
            throw .malformedResponse("request not encodable: \(error)")
        }
        let data: Data
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: settings.timeout, maxBodyBytes: Self.maximumResponseBytes)
            status = response.status.code
            data = Data(response.body.readableBytesView)
        } catch {
            switch error {
            case .deadlineExceeded, .connectTimeout: throw .timeout
            default: throw .transport("\(error)")
            }
        }
        guard (200..<300).contains(status) else {
            throw .status(Int(status), String(decoding: data.prefix(300), as: UTF8.self))
        }
        let decoded: ResponseBody
        do {
            decoded = try JSONDecoder().decode(ResponseBody.self, from: data)
        } catch {
            throw .malformedResponse("\(error)")
        }
        guard let content = decoded.choices.first?.message.content?.trimmingCharacters(in: .whitespacesAndNewlines), !content.isEmpty else {
            throw .malformedResponse("no choice with content")
        }
        return content
    }

    private struct RequestBody: Encodable {
        var model: String
        var messages: [Message]
        var temperature: Double
        var stream: Bool
    }

    private struct ResponseBody: Decodable {
        struct Choice: Decodable {
            struct Reply: Decodable {
                var content: String?
            }
            var message: Reply
        }
        var choices: [Choice]
    }
}
