import Foundation

/// The shape of every value a caller hands the directory. Each check throws `invalid`
/// naming the field by its JSON name, so the caller learns exactly what to fix.
enum Validation {
    /// Telegram user ids are positive.
    static func telegramID(_ id: Int64) throws(UserDirectory.Error) {
        guard id > 0 else { throw .invalid(field: "telegram_id", reason: "must be a positive Telegram user id") }
    }

    /// Knowledge base ids, like every id RAGCore hands out, are positive.
    static func knowledgeBaseID(_ id: Int64) throws(UserDirectory.Error) {
        guard id > 0 else { throw .invalid(field: "preferred_knowledge_base_id", reason: "must be a positive knowledge base id") }
    }

    /// A Telegram username: letters, digits and `_`, at most 64; a leading `@` is dropped,
    /// blank means none.
    static func username(_ value: String?) throws(UserDirectory.Error) -> String? {
        guard var username = blankToNil(value) else { return nil }
        if username.hasPrefix("@") { username.removeFirst() }
        guard (1...64).contains(username.count),
            username.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) })
        else {
            throw .invalid(field: "username", reason: "must be 1 to 64 letters, digits or underscores")
        }
        return username
    }

    /// A first or last name: at most 256 characters, no control characters; blank means none.
    static func name(_ value: String?, field: String) throws(UserDirectory.Error) -> String? {
        guard let name = blankToNil(value) else { return nil }
        guard name.count <= 256, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, reason: "must be at most 256 characters without control characters")
        }
        return name
    }

    /// An IETF language tag such as `en`, `ru` or `pt-BR`; blank means none.
    static func languageCode(_ value: String?) throws(UserDirectory.Error) -> String? {
        guard let code = blankToNil(value) else { return nil }
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        let isLetters = { (part: Substring) in part.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic } }
        let isAlphanumeric = { (part: Substring) in
            part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }
        guard code.count <= 35, let first = parts.first, (2...3).contains(first.count), isLetters(first),
            parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && isAlphanumeric($0) })
        else {
            throw .invalid(field: "language_code", reason: "must be a language tag such as en, ru or pt-BR")
        }
        return code
    }

    /// Who made a change, as the audit names it: 1 to 64 printable characters.
    static func actor(_ value: String) throws(UserDirectory.Error) -> String {
        let actor = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...64).contains(actor.count), !actor.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: "actor", reason: "must be 1 to 64 printable characters")
        }
        return actor
    }

    /// A page size: 1…200, 50 when not given.
    static func limit(_ value: Int?, default defaultValue: Int, range: ClosedRange<Int>) throws(UserDirectory.Error) -> Int {
        guard let value else { return defaultValue }
        guard range.contains(value) else {
            throw .invalid(field: "limit", reason: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    private static func blankToNil(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
