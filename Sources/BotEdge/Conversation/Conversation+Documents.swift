import Foundation
import Logging
import NIOCore

/// A file an editor sends: into the active knowledge base through `POST /ingestion/files`,
/// with one progress message edited as the task advances and a summary at the end.
extension Conversation {
    func receive(_ document: TelegramDocument, _ turn: Turn) async {
        guard let user = turn.user, user.isEditor else { return await say(turn, .fileNotEditor) }
        guard let baseID = user.preferredKnowledgeBaseID else { return await say(turn, .kbNeeded) }
        let limitMB = String(settings.maxDownloadBytes / (1024 * 1024))
        if let size = document.fileSize, size > settings.maxDownloadBytes {
            return await say(turn, .fileTooBig, ["limit": limitMB])
        }
        let name = document.fileName ?? "document"
        await showTyping(turn.chatID)
        let bytes: ByteBuffer
        do {
            let file = try await telegram.getFile(document.fileID)
            guard let path = file.filePath else { return await say(turn, .fileDownloadFailed) }
            bytes = try await telegram.download(filePath: path, limit: settings.maxDownloadBytes)
        } catch let failure where failure.isFileTooBig {
            return await say(turn, .fileTooBig, ["limit": limitMB])
        } catch {
            logger.warning("file download failed", metadata: ["error": "\(error)"])
            return await say(turn, .fileDownloadFailed)
        }
        let task: IngestionTask
        do {
            task = try await gateway.upload(Array(bytes.readableBytesView), filename: name, knowledgeBaseID: baseID, as: turn.caller)
        } catch {
            return await explain(error, turn)
        }
        await follow(task, name: name, turn)
    }

    /// Shows `task`'s progress in one message, edited at most once per `progressEditInterval`,
    /// until it ends; then the same message becomes the summary.
    func follow(_ task: IngestionTask, name: String, _ turn: Turn) async {
        let id = String(task.taskID)
        let first = turn.catalog.text(.uploadStarted, ["name": name, "id": id])
        guard let message = try? await sender.send(.init(chatID: turn.chatID, text: first, replyTo: turn.replyTo)) else { return }
        var shown = first
        var lastEdit = ContinuousClock.now
        var current = task
        let deadline = ContinuousClock.now + .seconds(3600)
        while !current.isFinished, ContinuousClock.now < deadline {
            try? await Task.sleep(for: settings.progressPollInterval)
            if let latest = try? await gateway.task(task.taskID, as: turn.caller) { current = latest }
            guard !current.isFinished else { break }
            let text = progressText(current, name: name, turn.catalog)
            if text != shown, ContinuousClock.now - lastEdit >= settings.progressEditInterval {
                try? await sender.edit(.init(chatID: turn.chatID, messageID: message.messageID, text: text))
                shown = text
                lastEdit = .now
            }
        }
        let summary = summaryText(current, name: name, turn.catalog)
        let wait = settings.progressEditInterval - (ContinuousClock.now - lastEdit)
        if wait > .zero { try? await Task.sleep(for: wait) }
        try? await sender.edit(.init(chatID: turn.chatID, messageID: message.messageID, text: String(summary.prefix(4000))))
    }

    func progressText(_ task: IngestionTask, name: String, _ catalog: MessageCatalog) -> String {
        let stage: CatalogKey =
            switch task.stage {
            case "fetching": .stageFetching
            case "extracting": .stageExtracting
            case "chunking": .stageChunking
            case "indexing": .stageIndexing
            default: .stageQueued
            }
        return catalog.text(
            .uploadProgress, ["name": name, "id": String(task.taskID), "stage": catalog.text(stage), "percent": String(task.percent ?? 0)])
    }

    func summaryText(_ task: IngestionTask, name: String, _ catalog: MessageCatalog) -> String {
        let id = String(task.taskID)
        let items = task.items
        var lines: [String] = []
        if task.state != "succeeded" { lines.append(catalog.text(.uploadFailed, ["name": name, "id": id])) }
        if task.state == "succeeded" || (items?.total ?? 0) > 0 {
            let counts = [
                "total": items?.total, "indexed": items?.indexed, "unchanged": items?.unchanged, "skipped": items?.skipped,
                "failed": items?.failed,
            ]
            let summary = catalog.text(.uploadDone, counts.mapValues { String($0 ?? 0) }.merging(["name": name, "id": id]) { $1 })
            lines.append(task.state == "succeeded" ? summary : String(summary.drop { $0 != "\n" }.dropFirst()))
        }
        for failure in (task.failures ?? []).prefix(10) {
            lines.append(
                catalog.text(.uploadFailureLine, ["item": failure.item ?? "—", "reason": String((failure.reason ?? "").prefix(200))]))
        }
        return lines.joined(separator: "\n")
    }
}

extension TelegramClient.Failure {
    /// `getFile` refuses files over 20 MB with "Bad Request: file is too big".
    var isFileTooBig: Bool {
        if case .api(400, let description, _) = self { return description.localizedCaseInsensitiveContains("too big") }
        return false
    }
}
