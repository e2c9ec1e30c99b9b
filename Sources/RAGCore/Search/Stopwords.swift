/// Function words dropped before indexing and querying, for Russian only.
///
/// Xapian's BM25 keeps a floor under the weight of terms found in most documents (it
/// never lets them reach zero), so very common words still add noise to the ranking.
/// Measured with rag-eval (k1 0.9, b 0.5): dropping this list lifts xquad-ru nDCG@10
/// from 0.954 to 0.957. English stopwords (Lucene's set) hurt instead: cranfield fell
/// from 0.363 to 0.360 and xquad-r-en from 0.851 to 0.846, so English words are all kept.
enum Stopwords {
    /// Snowball's Russian stop list without its content words ("человек", "жизнь", "два",
    /// "сказал", …), with `ё` folded to `е`, plus the forms of its pronouns and question
    /// words that it lacks ("это", "каких", "которые", …). Checked before stemming, so
    /// every form a word takes must be listed.
    static let russian: Set<String> = [
        "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так",
        "его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "только", "ее", "мне", "было",
        "вот", "от", "меня", "еще", "нет", "о", "из", "ему", "теперь", "когда", "даже", "ну", "вдруг",
        "ли", "если", "уже", "или", "ни", "быть", "был", "него", "до", "вас", "нибудь", "опять", "уж",
        "вам", "ведь", "там", "потом", "себя", "ничего", "ей", "может", "они", "тут", "где", "есть",
        "надо", "ней", "для", "мы", "тебя", "их", "чем", "была", "сам", "чтоб", "без", "будто", "чего",
        "раз", "тоже", "себе", "под", "будет", "ж", "тогда", "кто", "этот", "того", "потому", "этого",
        "какой", "совсем", "ним", "здесь", "этом", "почти", "мой", "тем", "чтобы", "нее", "кажется",
        "сейчас", "были", "куда", "зачем", "всех", "никогда", "можно", "при", "наконец", "об", "хоть",
        "после", "над", "больше", "тот", "через", "эти", "нас", "про", "всего", "них", "какая", "много",
        "разве", "эту", "моя", "впрочем", "свою", "этой", "перед", "иногда", "чуть", "том", "нельзя",
        "такой", "им", "более", "всегда", "конечно", "всю", "между",
        // Forms missing from the Snowball list.
        "это", "эта", "этих", "этим", "этими", "какие", "каких", "каким", "какое", "какую", "какого",
        "каком", "сколько", "который", "которые", "которых", "которая", "которое", "котором",
        "которого", "которым", "которой", "которую", "почему", "также", "свой", "своей", "своих",
        "свои", "своего", "своим", "такие", "таких", "такая", "такое",
    ]

    /// Whether `word` (lowercased, `ё` folded, not yet stemmed) is a stopword for `language`.
    static func contains(_ word: String, language: TextAnalyzer.Language) -> Bool {
        switch language {
        case .english: false
        case .russian, .automatic: russian.contains(word)
        }
    }
}
