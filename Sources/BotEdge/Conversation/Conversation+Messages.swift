/// Routing an incoming message: is it for the bot, which command, who sent it.
extension Conversation {
    /// A command with its arguments, e.g. `/ask@kb_bot how?` → (`ask`, `how?`).
    struct Command: Equatable {
        var name: String
        var arguments: String
    }

    /// The command in `text`, if it is one and meant for this bot (not `/cmd@other_bot`).
    func command(in text: String) -> Command? {
        guard text.hasPrefix("/") else { return nil }
        let head = text.prefix { !$0.isWhitespace }
        let arguments = String(text.dropFirst(head.count).drop { $0.isWhitespace })
        let parts = head.dropFirst().split(separator: "@", maxSplits: 1)
        guard let name = parts.first, !name.isEmpty else { return nil }
        if parts.count == 2, parts[1].lowercased() != bot.username?.lowercased() { return nil }
        return Command(name: name.lowercased(), arguments: arguments.trimmed)
    }

    /// In a group the bot reads only commands, replies to its own messages and @mentions;
    /// the mention is taken out of the question. Nil: not for the bot.
    func addressedText(_ message: TelegramMessage) -> String? {
        let text = message.text ?? message.caption ?? ""
        if message.chat.isPrivate { return text }
        if text.hasPrefix("/") { return text }
        if message.replyToMessage?.from?.id == bot.id { return text }
        if let username = bot.username, let range = text.lowercased().firstRange(of: "@" + username.lowercased()) {
            let lowered = text.lowercased()
            let start = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
            let length = username.count + 1
            let before = text.prefix(start)
            let after = text.dropFirst(start + length)
            return (before + after).trimmed
        }
        return nil
    }

    func handle(_ message: TelegramMessage, updateID: Int64) async {
        guard let from = message.from, from.isBot != true else { return }
        guard let text = addressedText(message) else { return }
        if message.document == nil, text.isEmpty { return }
        var turn = Turn(
            chatID: message.chat.id, from: from, caller: .init(telegramID: from.id, updateID: updateID),
            catalog: MessageCatalog(Language(code: from.languageCode)), replyTo: message.chat.isPrivate ? nil : message.messageID)
        let command = command(in: text)
        if text.hasPrefix("/"), command == nil { return }  // a command for another bot
        if command?.name == "start" {
            await start(&turn)
            return
        }
        do {
            let user = try await gateway.me(as: turn.caller)
            turn.user = user
            turn.catalog = MessageCatalog(Language(code: user.languageCode ?? from.languageCode))
        } catch {
            await explain(error, turn)
            return
        }
        // `/me` answers pending and blocked users too; they get their status, not the command.
        switch turn.user?.status {
        case "pending": return await say(turn, .pendingStill)
        case "blocked": return await say(turn, .blockedNotice)
        default: break
        }
        if let document = message.document {
            await receive(document, turn)
            return
        }
        guard let command else {
            await ask(text, turn)
            return
        }
        await run(command, turn)
    }

    func run(_ command: Command, _ turn: Turn) async {
        switch command.name {
        case "help": await help(turn)
        case "kb": await chooseKnowledgeBase(turn)
        case "ask": await ask(command.arguments, turn)
        case "ai": await ai(command.arguments, turn)
        case "sources": await sources(turn)
        case "status": await status(command.arguments, turn)
        case "jobs": await jobs(turn)
        case "lang": await switchLanguage(turn)
        case "reset": await reset(turn)
        case "users": await listUsers(cursor: nil, turn)
        case "approve": await changeUser(command.arguments, status: "active", usage: .approveUsage, turn)
        case "block": await changeUser(command.arguments, status: "blocked", usage: .blockUsage, turn)
        case "role": await changeRole(command.arguments, turn)
        case "newkb": await newKnowledgeBase(command.arguments, turn)
        case "logs": await logs(turn)
        case "stats": await stats(turn)
        case "health": await health(turn)
        default: await say(turn, .unknownCommand)
        }
    }
}

extension StringProtocol {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
