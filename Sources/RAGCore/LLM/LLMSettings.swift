import ServiceSupport

/// Where the OpenAI-compatible chat-completions endpoint is: `LLM_BASE_URL` (e.g.
/// `http://127.0.0.1:11434/v1` for Ollama), `LLM_MODEL`, `LLM_API_KEY`, `LLM_TIMEOUT_MS`.
public struct LLMSettings: Sendable, Equatable {
    /// The API root; requests go to `<base>/chat/completions`.
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// How long one completion may take before the built-in answer is used instead.
    public var timeout: Duration

    public init(baseURL: String, model: String, apiKey: String? = nil, timeout: Duration = .seconds(20)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
    }

    /// The settings, or nil when `LLM_BASE_URL` is unset (no LLM: built-in answers only).
    /// With a base URL, `LLM_MODEL` is required.
    public init?(settings: Settings) throws(ConfigurationError) {
        guard let baseURL = settings["LLM_BASE_URL"] else { return nil }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw .invalid(variable: "LLM_BASE_URL", value: baseURL, expected: "an http:// or https:// URL such as http://127.0.0.1:11434/v1")
        }
        self.init(
            baseURL: baseURL,
            model: try settings.required("LLM_MODEL", meaning: "the chat model to ask when LLM_BASE_URL is set"),
            apiKey: settings["LLM_API_KEY"],
            timeout: try settings.milliseconds("LLM_TIMEOUT_MS", default: .seconds(20))
        )
    }

    /// The message naming what is missing, for `ai.query` without an LLM.
    static let missingMessage = "no LLM is configured: set LLM_BASE_URL (and LLM_MODEL) to an OpenAI-compatible endpoint"
}
