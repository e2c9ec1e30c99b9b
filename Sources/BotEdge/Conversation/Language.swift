/// The languages the bot speaks. Russian is the default; English for anyone whose Telegram
/// `language_code` starts with `en`, or who chose it with `/lang`.
public enum Language: String, Sendable, CaseIterable {
    case ru, en

    /// The language for a Telegram or stored `language_code`.
    public init(code: String?) {
        self = code?.lowercased().hasPrefix("en") == true ? .en : .ru
    }

    /// The other one, for `/lang`'s toggle.
    var other: Language { self == .ru ? .en : .ru }
}
