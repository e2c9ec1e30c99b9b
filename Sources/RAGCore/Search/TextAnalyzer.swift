import Foundation

/// Turns text into index terms: the one analysis used for both chunks and queries, so a
/// query word meets the same term its document form was indexed under.
///
/// Steps: split into words (runs of letters and digits, plus an apostrophe between
/// letters as in "don't"; everything else, including query syntax such as quotes,
/// brackets, `*` and `-`, separates words), lowercase, fold `ё` to `е`, drop Russian
/// stopwords (on by default), then stem with Xapian's Snowball stemmers according to
/// ``Language``. Words without letters of the stemmer's script (numbers, other scripts)
/// are kept as they are.
public struct TextAnalyzer: Sendable, Hashable {
    /// Which Snowball stemmer applies to which word.
    public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
        /// Cyrillic words get the Russian stemmer; other words stay unstemmed.
        case russian = "ru"
        /// Latin words get the English stemmer; other words stay unstemmed.
        case english = "en"
        /// Cyrillic words get the Russian stemmer, Latin words the English one: for mixed text.
        case automatic = "auto"
    }

    /// One word of the analysed text: its term and where it stands in the text.
    public struct Token: Sendable, Hashable {
        /// The index term: lowercased, folded and stemmed.
        public var term: String
        /// The word's range in the analysed string.
        public var range: Range<String.Index>
    }

    /// Words longer than this many UTF-8 bytes are dropped: Xapian refuses terms over
    /// 245 bytes, and such "words" are hashes or base64, never something a person types.
    static let maximumTermLength = 120

    /// The stemming rule for this analyzer.
    public var language: Language
    /// Whether Russian function words ("и", "это", "который", …) are dropped.
    public var dropsStopwords: Bool

    /// An analyzer for `language`.
    public init(language: Language, dropsStopwords: Bool = true) {
        self.language = language
        self.dropsStopwords = dropsStopwords
    }

    /// The terms of `text`, in order, repeats included.
    public func terms(of text: String) -> [String] {
        tokens(in: text).map(\.term)
    }

    /// The tokens of `text`, in order, with their ranges (for highlighting).
    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = text.unicodeScalars
        var wordStart: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if Self.isWordPart(scalar, continuing: wordStart != nil)
                || (wordStart != nil && Self.isApostrophe(scalar) && Self.letterFollows(index, in: scalars))
            {
                if wordStart == nil { wordStart = index }
            } else if let start = wordStart {
                appendToken(text: text, range: start..<index, to: &tokens)
                wordStart = nil
            }
            scalars.formIndex(after: &index)
        }
        if let start = wordStart {
            appendToken(text: text, range: start..<scalars.endIndex, to: &tokens)
        }
        return tokens
    }

    private func appendToken(text: String, range: Range<String.Index>, to tokens: inout [Token]) {
        guard let term = term(forWord: text.unicodeScalars[range]) else { return }
        tokens.append(Token(term: term, range: range))
    }

    /// The term for one word, or nil if the word is dropped; remembered in ``TermCache``.
    func term(forWord word: Substring.UnicodeScalarView) -> String? {
        // `Substring(word)` shares the storage, so this is one copy, not a scalar-by-scalar
        // append; a word of up to 15 UTF-8 bytes is stored inline, without an allocation.
        let key = TermCache.Key(word: String(Substring(word)), language: language, dropsStopwords: dropsStopwords)
        return TermCache.shared.term(for: key) { analyse(word: $0) }
    }

    /// The term for one word, computed: lowercase, fold, drop stopwords, stem.
    private func analyse(word: String) -> String? {
        var folded = word.lowercased()
        // Checked scalar by scalar: `String.contains(_:)` goes through Foundation's string
        // search, which was most of the indexing time. ASCII words (most) skip all three.
        if !folded.utf8.allSatisfy({ $0 < 0x80 }) {
            if folded.unicodeScalars.contains(where: { $0.properties.generalCategory.isMark }) {
                // Stemmers expect precomposed letters: "й" written as "и" + breve must stem like "й".
                folded = folded.precomposedStringWithCanonicalMapping
            }
            if folded.unicodeScalars.contains("\u{2019}") {
                folded = folded.replacing("’", with: "'")
            }
            if folded.unicodeScalars.contains("ё") {
                folded = folded.replacing("ё", with: "е")
            }
        }
        guard folded.utf8.count <= Self.maximumTermLength else { return nil }
        if dropsStopwords, Stopwords.contains(folded, language: language) { return nil }
        guard let stemmer = stemmer(for: folded) else { return folded }
        return stemmer.stem(folded)
    }

    private func stemmer(for word: String) -> SnowballStemmer? {
        switch language {
        case .russian:
            return word.unicodeScalars.contains(where: Self.isCyrillic) ? .russian : nil
        case .english:
            return word.unicodeScalars.contains(where: Self.isLatin) ? .english : nil
        case .automatic:
            if word.unicodeScalars.contains(where: Self.isCyrillic) { return .russian }
            if word.unicodeScalars.contains(where: Self.isLatin) { return .english }
            return nil
        }
    }

    static func isWordPart(_ scalar: Unicode.Scalar, continuing: Bool) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        // The ranges most text here is in, answered without a Unicode property lookup (which
        // was the single largest cost of tokenizing Russian text).
        switch scalar.value {
        case 0x0410...0x044F, 0x0401, 0x0451: return true  // А–я, Ё, ё
        case 0xC0...0xFF: return scalar.value != 0xD7 && scalar.value != 0xF7  // Latin-1 letters, not × ÷
        case 0x80...0xBF: return scalar.value == 0xAA || scalar.value == 0xB5 || scalar.value == 0xBA
        case 0x2000...0x206F: return false  // general punctuation and spaces
        default: break
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.generalCategory == .decimalNumber { return true }
        // Combining marks belong to the letter before them, never start a word.
        return continuing && properties.generalCategory.isMark
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    static func letterFollows(_ index: String.Index, in scalars: String.UnicodeScalarView) -> Bool {
        let next = scalars.index(after: index)
        return next < scalars.endIndex && scalars[next].properties.isAlphabetic
    }

    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value)
    }

    /// Lowercase Latin letters only: words are lowercased before this is asked.
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x61...0x7A).contains(value) || (0xC0...0x24F).contains(value)
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isMark: Bool {
        self == .nonspacingMark || self == .spacingMark || self == .enclosingMark
    }
}
