import Logging
import Wire

extension IngestionQueue {
    /// The `ingest.*` methods, each a thin translation between its contract and the queue.
    func wireHandlers() -> WireHandlerTable {
        var table = WireHandlerTable()
        table.register(IngestSubmit.self) { params, call in
            let task = try await Self.answering(call) { try await self.submit(params) }
            call.logger.info(
                "ingestion task queued",
                metadata: ["task_id": "\(task.id)", "kind": "\(task.kind.rawValue)", "knowledge_base_id": "\(task.knowledgeBaseID)"])
            return IngestSubmit.Result(task: task)
        }
        table.register(IngestGet.self) { params, call in
            IngestGet.Result(task: try await Self.answering(call) { try await self.store.task(params.taskID) })
        }
        table.register(IngestList.self) { params, call in
            let (tasks, next) = try await Self.answering(call) { try await self.store.list(params) }
            return IngestList.Result(tasks: tasks, nextCursor: next)
        }
        table.register(IngestCancel.self) { params, call in
            let task = try await Self.answering(call) { try await self.cancel(params.taskID) }
            call.logger.info("ingestion task cancel asked", metadata: ["task_id": "\(task.id)", "state": "\(task.state.rawValue)"])
            return IngestCancel.Result(task: task)
        }
        table.register(IngestRetry.self) { params, call in
            let task = try await Self.answering(call) { try await self.retry(params.taskID) }
            call.logger.info("ingestion task retried", metadata: ["task_id": "\(task.id)"])
            return IngestRetry.Result(task: task)
        }
        return table
    }

    /// Runs `work`, turning the queue's errors into the `WireError` the caller sees; a
    /// storage failure is logged here, since the caller only hears `internal`.
    /// (Untyped closure errors: typed throws in closures is fragile in the 6.3 compiler.)
    private static func answering<T>(_ call: WireCallContext, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as IngestionJobStore.Error {
            if case .storage(let reason) = error {
                call.logger.error("jobs database failed", metadata: ["error": "\(reason)"])
            }
            throw error.wireError
        } catch let refusal as Refusal {
            throw refusal.wireError
        }
    }
}
