/// The language of an answer's own words (the "no answer" notice and the like).
enum AnswerLanguage: String, Sendable {
    case russian = "ru"
    case english = "en"

    /// The language the caller asked for (`ru`, `ru-RU`, `en`, …), else the question's:
    /// Russian when it has Cyrillic letters.
    init(requested: String?, question: String) {
        if let requested, requested.lowercased().hasPrefix("ru") {
            self = .russian
        } else if let requested, requested.lowercased().hasPrefix("en") {
            self = .english
        } else {
            self = question.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } ? .russian : .english
        }
    }

    /// Says the knowledge base has no answer, listing the nearest sources by number.
    func noAnswer(nearest titles: [(n: Int, title: String)]) -> String {
        let listing = titles.map { "[\($0.n)] \($0.title)" }.joined(separator: "; ")
        switch self {
        case .russian:
            return titles.isEmpty
                ? "В базе знаний нет ответа на этот вопрос."
                : "В базе знаний нет ответа на этот вопрос. Ближайшие источники: \(listing)."
        case .english:
            return titles.isEmpty
                ? "The knowledge base has no answer to this question."
                : "The knowledge base has no answer to this question. Nearest sources: \(listing)."
        }
    }
}
