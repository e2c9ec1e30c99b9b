import Logging

/// Inline buttons: `kb:<id>|all`, `fb:<log id>:1|0`, `ap:<id>`, `bl:<id>`, `ro:<id>:<role>`, `us:<cursor>`.
extension Conversation {
    func handle(_ query: TelegramCallbackQuery, updateID: Int64) async {
        let from = query.from
        let chatID = query.message?.chat.id ?? from.id
        var turn = Turn(
            chatID: chatID, from: from, caller: .init(telegramID: from.id, updateID: updateID),
            catalog: MessageCatalog(Language(code: from.languageCode)))
        do {
            let user = try await gateway.me(as: turn.caller)
            turn.user = user
            turn.catalog = MessageCatalog(Language(code: user.languageCode ?? from.languageCode))
        } catch {
            try? await telegram.answerCallbackQuery(query.id)
            await explain(error, turn)
            return
        }
        if let status = turn.user?.status, status != "active" {
            try? await telegram.answerCallbackQuery(query.id)
            return await say(turn, status == "pending" ? .pendingStill : .blockedNotice)
        }
        let data = query.data ?? ""
        let fields = data.split(separator: ":", maxSplits: 2).map(String.init)
        var notice: String?
        switch (fields.first, fields.count) {
        case ("kb", 2):
            await chooseKnowledgeBase(fields[1], query: query, turn)
        case ("fb", 3):
            if let logID = Int64(fields[1]) {
                do {
                    try await gateway.feedback(logID: logID, helpful: fields[2] == "1", as: turn.caller)
                    notice = turn.catalog.text(.feedbackThanks)
                } catch {
                    logger.info("feedback refused", metadata: ["failure": "\(error)"])
                }
            }
        case ("ap", 2), ("bl", 2):
            if let id = Int64(fields[1]), let user = await setStatus(fields[0] == "ap" ? "active" : "blocked", of: id, turn) {
                let key: CatalogKey = fields[0] == "ap" ? .adminApproved : .adminBlocked
                await replace(query, with: turn.catalog.text(key, ["name": user.displayName]))
            }
        case ("ro", 3):
            await changeRole("\(fields[1]) \(fields[2])", turn)
        case ("us", 2):
            await listUsers(cursor: fields[1], turn)
        default:
            break
        }
        try? await telegram.answerCallbackQuery(query.id, text: notice)
    }

    /// `kb:<id>` or `kb:all`: remember the choice in the user's record.
    private func chooseKnowledgeBase(_ choice: String, query: TelegramCallbackQuery, _ turn: Turn) async {
        do {
            if choice == "all" {
                try await gateway.updateUser(turn.from.id, .init(preferredKnowledgeBaseID: .some(nil)), as: turn.caller)
                await replace(query, with: turn.catalog.text(.kbChosenAll))
            } else if let id = Int64(choice) {
                let bases = try await gateway.knowledgeBases(as: turn.caller)
                guard let base = bases.first(where: { $0.id == id }) else { return await say(turn, .noSuchKnowledgeBase) }
                try await gateway.updateUser(turn.from.id, .init(preferredKnowledgeBaseID: .some(id)), as: turn.caller)
                await replace(query, with: turn.catalog.text(.kbChosen, ["name": base.name]))
            }
        } catch {
            await explain(error, turn)
        }
    }

    /// Replaces the text (and drops the buttons) of the message a button was pressed on.
    func replace(_ query: TelegramCallbackQuery, with html: String) async {
        guard let message = query.message else { return }
        try? await sender.edit(.init(chatID: message.chat.id, messageID: message.messageID, text: html))
    }
}
