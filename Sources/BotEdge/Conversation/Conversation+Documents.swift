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

    /// Announces `task` in one message, then has its progress shown there: by
    /// `UploadProgressService` when the process runs one (so the chat is free for other
    /// questions meanwhile), else here.
    func follow(_ task: IngestionTask, name: String, _ turn: Turn) async {
        let first = turn.catalog.text(.uploadStarted, ["name": name, "id": String(task.taskID)])
        guard let message = try? await sender.send(.init(chatID: turn.chatID, text: first, replyTo: turn.replyTo)) else { return }
        let watch = UploadWatch(
            task: task, name: name, chatID: turn.chatID, messageID: message.messageID, caller: turn.caller, catalog: turn.catalog,
            shown: first)
        if let uploads {
            uploads.yield(watch)
        } else {
            await self.watch(watch)
        }
    }

    /// Polls the task and edits the message at most once per `progressEditInterval` until the
    /// task ends; then the message becomes the summary. Stops quietly when cancelled.
    func watch(_ watch: UploadWatch) async {
        var shown = watch.shown
        var lastEdit = ContinuousClock.now
        var current = watch.task
        let deadline = ContinuousClock.now + .seconds(3600)
        while !current.isFinished, !Task.isCancelled, ContinuousClock.now < deadline {
            try? await Task.sleep(for: settings.progressPollInterval)
            if let latest = try? await gateway.task(watch.task.taskID, as: watch.caller) { current = latest }
            guard !current.isFinished else { break }
            let text = progressText(current, name: watch.name, watch.catalog)
            if text != shown, ContinuousClock.now - lastEdit >= settings.progressEditInterval {
                try? await sender.edit(.init(chatID: watch.chatID, messageID: watch.messageID, text: text))
                shown = text
                lastEdit = .now
            }
        }
        guard current.isFinished else { return }
        let wait = settings.progressEditInterval - (ContinuousClock.now - lastEdit)
        if wait > .zero { try? await Task.sleep(for: wait) }
        let summary = splitter.split(summaryText(current, name: watch.name, watch.catalog)).first ?? ""
        try? await sender.edit(.init(chatID: watch.chatID, messageID: watch.messageID, text: summary))
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
