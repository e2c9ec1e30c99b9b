/// Questions and the member commands around them: /help, /kb, /ask, /ai, /sources, /lang, /reset.
extension Conversation {
    func help(_ turn: Turn) async {
        var text = turn.catalog.text(.help)
        if turn.user?.isEditor == true { text += turn.catalog.text(.helpEditor) }
        await reply(turn, text)
    }

    func chooseKnowledgeBase(_ turn: Turn) async {
        do {
            let bases = try await gateway.knowledgeBases(as: turn.caller)
            guard !bases.isEmpty else { return await say(turn, .kbNone) }
            let chosen = turn.user?.preferredKnowledgeBaseID
            var rows = bases.prefix(40).map { base in
                [InlineKeyboard.Button((base.id == chosen ? "• " : "") + base.name, data: "kb:\(base.id)")]
            }
            rows.append([.init((chosen == nil ? "• " : "") + turn.catalog.text(.kbAll), data: "kb:all")])
            await say(turn, .kbChoose, keyboard: InlineKeyboard(rows))
        } catch {
            await explain(error, turn)
        }
    }

    /// Answers a question from the chosen knowledge base (or all), with numbered sources and
    /// 👍/👎 under the last part.
    func ask(_ question: String, _ turn: Turn) async {
        let question = question.trimmed
        guard !question.isEmpty else { return await say(turn, .askEmpty) }
        await showTyping(turn.chatID)
        do {
            let answer = try await gateway.ask(question, knowledgeBaseID: turn.user?.preferredKnowledgeBaseID, as: turn.caller)
            guard answer.answerKind != "no_answer", !answer.answer.trimmed.isEmpty else { return await say(turn, .noAnswer) }
            let keyboard = answer.logID.map { id in
                InlineKeyboard([
                    [
                        .init(turn.catalog.text(.feedbackHelpful), data: "fb:\(id):1"),
                        .init(turn.catalog.text(.feedbackUnhelpful), data: "fb:\(id):0"),
                    ]
                ])
            }
            await reply(turn, format(answer, turn.catalog), keyboard: keyboard)
        } catch {
            await explain(error, turn)
        }
    }

    /// The answer escaped, then its sources as a numbered list of links.
    func format(_ answer: RAGAnswer, _ catalog: MessageCatalog) -> String {
        var text = HTMLText.escape(answer.answer.trimmed)
        guard !answer.sources.isEmpty else { return text }
        text += "\n\n" + catalog.text(.sourcesHeading)
        for source in answer.sources.sorted(by: { $0.n < $1.n }) {
            text += "\n[\(source.n)] " + Self.sourceLine(title: source.title, uri: source.sourceURI, deepLink: source.deepLink)
        }
        return text
    }

    /// A source as a link where there is an address to open, else its title and where it came from.
    static func sourceLine(title: String?, uri: String?, deepLink: String?) -> String {
        let label = title?.trimmed.isEmpty == false ? title! : (uri ?? "—")
        if let link = [deepLink, uri].compactMap({ $0 }).first(where: HTMLText.isLinkable) {
            return HTMLText.link(label, to: link)
        }
        if let uri, uri != label {
            return HTMLText.escape(label) + " — <i>" + HTMLText.escape(uri) + "</i>"
        }
        return HTMLText.escape(label)
    }

    func ai(_ prompt: String, _ turn: Turn) async {
        let prompt = prompt.trimmed
        guard !prompt.isEmpty else { return await say(turn, .aiEmpty) }
        await showTyping(turn.chatID)
        do {
            let answer = try await gateway.ai(prompt, as: turn.caller)
            await reply(turn, HTMLText.escape(answer.answer))
        } catch .unavailable {
            await say(turn, .aiUnavailable)
        } catch {
            await explain(error, turn)
        }
    }

    func sources(_ turn: Turn) async {
        guard let baseID = turn.user?.preferredKnowledgeBaseID else { return await say(turn, .kbNeeded) }
        do {
            let bases = try await gateway.knowledgeBases(as: turn.caller)
            let name = bases.first { $0.id == baseID }?.name ?? String(baseID)
            let documents = try await gateway.sources(knowledgeBaseID: baseID, as: turn.caller)
            guard !documents.isEmpty else { return await say(turn, .sourcesNone) }
            let list = documents.enumerated().map { index, document in
                "\(index + 1). " + Self.sourceLine(title: document.title, uri: document.sourceURI, deepLink: document.deepLink)
            }
            await say(turn, .sourcesList, ["name": name], html: ["list": list.joined(separator: "\n")])
        } catch {
            await explain(error, turn)
        }
    }

    func switchLanguage(_ turn: Turn) async {
        var turn = turn
        let language = turn.language.other
        do {
            try await gateway.updateUser(turn.from.id, .init(languageCode: language.rawValue), as: turn.caller)
            turn.catalog = MessageCatalog(language)
            await say(turn, .langChanged)
        } catch {
            await explain(error, turn)
        }
    }

    func reset(_ turn: Turn) async {
        do {
            try await gateway.updateUser(turn.from.id, .init(preferredKnowledgeBaseID: .some(nil)), as: turn.caller)
            await say(turn, .resetDone)
        } catch {
            await explain(error, turn)
        }
    }
}
