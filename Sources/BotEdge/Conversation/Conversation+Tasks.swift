/// `/status <task>` and `/jobs`: ingestion tasks as one line each.
extension Conversation {
    func status(_ arguments: String, _ turn: Turn) async {
        guard let id = Int64(arguments.trimmed.drop { $0 == "#" }) else { return await say(turn, .statusUsage) }
        do {
            let task = try await gateway.task(id, as: turn.caller)
            await reply(turn, taskLine(task, turn.catalog))
        } catch {
            await explain(error, turn, notFound: .taskNotFound)
        }
    }

    func jobs(_ turn: Turn) async {
        do {
            let tasks = try await gateway.tasks(submittedBy: turn.from.id, as: turn.caller)
            guard !tasks.isEmpty else { return await say(turn, .jobsNone) }
            let lines = [turn.catalog.text(.jobsHeading)] + tasks.prefix(10).map { taskLine($0, turn.catalog) }
            await reply(turn, lines.joined(separator: "\n"))
        } catch .notFound {
            await say(turn, .uploadsUnavailable)
        } catch {
            await explain(error, turn)
        }
    }

    func taskLine(_ task: IngestionTask, _ catalog: MessageCatalog) -> String {
        let state = task.isFinished ? task.state : (task.stage ?? task.state)
        return catalog.text(
            .taskLine, ["id": String(task.taskID), "source": task.source ?? "—", "state": state, "percent": String(task.percent ?? 0)])
    }
}
