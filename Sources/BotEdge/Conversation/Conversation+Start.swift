/// `/start`: registration through the gateway, the pending notice, and the admins' buttons.
extension Conversation {
    func start(_ turn: inout Turn) async {
        let registered: (user: GatewayUser, created: Bool)
        do {
            registered = try await gateway.register(turn.from, as: turn.caller)
        } catch {
            await explain(error, turn)
            return
        }
        let user = registered.user
        turn.user = user
        turn.catalog = MessageCatalog(Language(code: user.languageCode ?? turn.from.languageCode))
        let name = turn.from.firstName ?? turn.from.username ?? String(turn.from.id)
        switch user.status {
        case "active":
            await say(turn, registered.created ? .welcome : .welcomeBack, ["name": name])
        case "pending":
            await say(turn, .pendingNotice, ["name": name])
            if registered.created { await notifyAdmins(about: user, turn) }
        default:
            await say(turn, .blockedNotice)
        }
    }

    /// Every admin gets the new user with Approve/Block buttons, in the admin's language.
    func notifyAdmins(about user: GatewayUser, _ turn: Turn) async {
        var admins: [Int64: Language] = [:]
        for id in settings.adminTelegramIDs { admins[id] = .ru }
        if let signer = settings.adminTelegramIDs.first {
            let page = try? await gateway.users(
                status: "active", role: "admin", limit: 100, as: .init(telegramID: signer, updateID: turn.caller.updateID))
            for admin in page?.users ?? [] {
                admins[admin.telegramID] = Language(code: admin.languageCode)
            }
        }
        for (adminID, language) in admins.sorted(by: { $0.key < $1.key }) {
            let catalog = MessageCatalog(language)
            let keyboard = InlineKeyboard([
                [
                    .init(catalog.text(.adminApprove), data: "ap:\(user.telegramID)"),
                    .init(catalog.text(.adminBlock), data: "bl:\(user.telegramID)"),
                ]
            ])
            await send(
                to: adminID, catalog.text(.adminNewUser, ["name": user.displayName, "id": String(user.telegramID)]), keyboard: keyboard)
        }
    }

    /// An admin pressed Approve or Block (or used /approve, /block): change the status, tell the
    /// user in their language. Returns the changed user, or nil after explaining the failure.
    func setStatus(_ status: String, of telegramID: Int64, _ turn: Turn) async -> GatewayUser? {
        do {
            guard let user = try await gateway.updateUser(telegramID, .init(status: status), as: turn.caller) else { return nil }
            let catalog = MessageCatalog(Language(code: user.languageCode))
            switch status {
            case "active": await send(to: telegramID, catalog.text(.approvedNotice))
            case "blocked": await send(to: telegramID, catalog.text(.blockedByAdmin))
            default: break
            }
            return user
        } catch {
            await explain(error, turn, notFound: .genericError, conflict: .lastAdmin)
            return nil
        }
    }
}
