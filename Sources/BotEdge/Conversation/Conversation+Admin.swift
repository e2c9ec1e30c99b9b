import Foundation

/// Commands for editors and admins: /users, /approve, /block, /role, /newkb, /logs, /stats, /health.
/// The gateway decides who may do what; these only shape the request and the answer.
extension Conversation {
    func listUsers(cursor: String?, _ turn: Turn) async {
        guard turn.user?.isAdmin == true else { return await say(turn, .notAllowed) }
        do {
            let page = try await gateway.users(cursor: cursor, limit: 8, as: turn.caller)
            guard !page.users.isEmpty else { return await say(turn, .usersNone) }
            var lines = [turn.catalog.text(.usersHeading)]
            var rows: [[InlineKeyboard.Button]] = []
            for user in page.users {
                lines.append(turn.catalog.text(.userLine, ["name": user.displayName, "role": user.role, "status": user.status]))
                var row: [InlineKeyboard.Button] = []
                if user.status != "active" { row.append(.init("✅ " + user.displayName, data: "ap:\(user.telegramID)")) }
                if user.status != "blocked" { row.append(.init("⛔ " + user.displayName, data: "bl:\(user.telegramID)")) }
                if user.role != "editor" { row.append(.init(turn.catalog.text(.roleEditor), data: "ro:\(user.telegramID):editor")) }
                if user.role != "admin" { row.append(.init(turn.catalog.text(.roleAdmin), data: "ro:\(user.telegramID):admin")) }
                if !row.isEmpty { rows.append(row) }
            }
            if let next = page.nextCursor, next.utf8.count <= 60 {
                rows.append([.init(turn.catalog.text(.usersNext), data: "us:\(next)")])
            }
            await reply(turn, lines.joined(separator: "\n"), keyboard: rows.isEmpty ? nil : InlineKeyboard(rows))
        } catch {
            await explain(error, turn, notFound: .genericError)
        }
    }

    func changeUser(_ arguments: String, status: String, usage: CatalogKey, _ turn: Turn) async {
        guard let id = Int64(arguments.trimmed) else { return await say(turn, usage) }
        if let user = await setStatus(status, of: id, turn) {
            await say(turn, .userChanged, ["name": user.displayName, "role": user.role, "status": user.status])
        }
    }

    func changeRole(_ arguments: String, _ turn: Turn) async {
        let words = arguments.split(separator: " ")
        guard words.count == 2, let id = Int64(words[0]), ["admin", "editor", "member"].contains(words[1]) else {
            return await say(turn, .roleUsage)
        }
        do {
            guard let user = try await gateway.updateUser(id, .init(role: String(words[1])), as: turn.caller) else { return }
            await say(turn, .userChanged, ["name": user.displayName, "role": user.role, "status": user.status])
        } catch {
            await explain(error, turn, notFound: .genericError, conflict: .lastAdmin)
        }
    }

    func newKnowledgeBase(_ name: String, _ turn: Turn) async {
        let name = name.trimmed
        guard !name.isEmpty else { return await say(turn, .newkbUsage) }
        guard turn.user?.isEditor == true else { return await say(turn, .notAllowed) }
        do {
            let base = try await gateway.createKnowledgeBase(slug: Self.slug(for: name), name: name, as: turn.caller)
            await say(turn, .newkbCreated, ["name": base.name, "id": String(base.id)])
        } catch {
            await explain(error, turn, conflict: .newkbTaken)
        }
    }

    /// A slug the gateway accepts (`^[a-z0-9][a-z0-9-]{0,63}$`) from any name; Cyrillic is
    /// transliterated so Russian names keep a readable slug.
    static func slug(for name: String) -> String {
        let latin = name.lowercased().map { Self.cyrillicToLatin[$0] ?? String($0) }.joined()
        var slug = ""
        for scalar in latin.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        slug = String(slug.prefix(64))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "kb-\(Int(Date().timeIntervalSince1970))" : slug
    }

    static let cyrillicToLatin: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    ]

    func logs(_ turn: Turn) async {
        guard turn.user?.isAdmin == true else { return await say(turn, .notAllowed) }
        do {
            let entries = try await gateway.logs(as: turn.caller)
            guard !entries.isEmpty else { return await say(turn, .logsNone) }
            var lines = [turn.catalog.text(.logsHeading)]
            for entry in entries {
                let rating = entry.helpful.map { $0 ? " 👍" : " 👎" } ?? ""
                let question = HTMLText.escape(String((entry.question ?? "").prefix(100)))
                lines.append(
                    "#\(entry.id) · <code>\(entry.telegramID.map(String.init) ?? "—")</code> · \(HTMLText.escape(entry.answerKind ?? ""))\(rating)\n\(question)"
                )
            }
            await reply(turn, lines.joined(separator: "\n"))
        } catch {
            await explain(error, turn, notFound: .genericError)
        }
    }

    /// Exact counts from `GET /stats`.
    func stats(_ turn: Turn) async {
        guard turn.user?.isAdmin == true else { return await say(turn, .notAllowed) }
        do {
            let stats = try await gateway.stats(as: turn.caller)
            let users = stats.users
            await say(
                turn, .statsText,
                [
                    "users": "\(users.total)", "active": "\(users.byStatus["active", default: 0])",
                    "pending": "\(users.byStatus["pending", default: 0])", "blocked": "\(users.byStatus["blocked", default: 0])",
                    "admins": "\(users.byRole["admin", default: 0])", "editors": "\(users.byRole["editor", default: 0])",
                    "members": "\(users.byRole["member", default: 0])", "day": "\(users.activeLast24h)", "week": "\(users.activeLast7d)",
                    "kbs": "\(stats.knowledgeBases.total)", "documents": "\(stats.knowledgeBases.documents)",
                ])
        } catch {
            await explain(error, turn, notFound: .genericError)
        }
    }

    func health(_ turn: Turn) async {
        guard turn.user?.isEditor == true else { return await say(turn, .notAllowed) }
        do {
            let report = try await gateway.health(as: turn.caller)
            let down = report.services.filter { $0.value.status != "ok" }.map(\.key).sorted()
            if down.isEmpty {
                await say(turn, .healthOK)
            } else {
                await say(turn, .healthDegraded, ["services": down.joined(separator: ", ")])
            }
        } catch .unavailable {
            await say(turn, .healthDegraded, ["services": "?"])
        } catch {
            await explain(error, turn)
        }
    }
}
