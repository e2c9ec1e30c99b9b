/// The texts of one language, in Telegram HTML. Placeholders are `{name}`; values are
/// escaped when filled in, except those passed as already-built `html`.
public struct MessageCatalog: Sendable {
    public let language: Language
    let texts: [CatalogKey: String]

    public init(_ language: Language) {
        self.language = language
        texts = language == .ru ? Self.russian : Self.english
    }

    /// The text for `key` with `values` escaped in and `html` inserted as is.
    public func text(_ key: CatalogKey, _ values: [String: String] = [:], html: [String: String] = [:]) -> String {
        var result = texts[key] ?? key.rawValue
        for (name, value) in values {
            result = result.replacingPlaceholder("{\(name)}", with: HTMLText.escape(value))
        }
        for (name, value) in html {
            result = result.replacingPlaceholder("{\(name)}", with: value)
        }
        return result
    }

    /// The command menu for `setMyCommands`.
    var commands: [TelegramBotCommand] {
        let pairs: [(String, CatalogKey)] = [
            ("start", .commandStart), ("help", .commandHelp), ("kb", .commandKB), ("ask", .commandAsk), ("ai", .commandAI),
            ("sources", .commandSources), ("status", .commandStatus), ("jobs", .commandJobs), ("lang", .commandLang),
            ("reset", .commandReset),
        ]
        return pairs.map { TelegramBotCommand(command: $0.0, description: texts[$0.1] ?? $0.0) }
    }
}

extension String {
    func replacingPlaceholder(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
