/// How a knowledge base's text is analysed for search: which Snowball stemmer applies.
///
/// `ru` and `en` stem words of their script; `auto` stems Cyrillic words as Russian and
/// Latin words as English, for mixed documentation.
public enum KnowledgeBaseLanguage: String, Codable, Sendable, CaseIterable {
    case ru
    case en
    case auto
}
