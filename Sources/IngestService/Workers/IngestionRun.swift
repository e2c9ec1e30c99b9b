import Foundation
import Logging
import Wire

/// One attempt at one task, as its source readers see it: which items are already done,
/// and a way to run and record each remaining item.
struct IngestionRun: Sendable {
    let taskID: Int64
    let knowledgeBaseID: Int64
    let store: IngestionJobStore
    let indexer: DocumentIndexer
    /// Items finished by an earlier attempt (in any outcome): skipped now.
    let finished: Set<String>
    /// The task's logger (its id and kind in the metadata).
    let logger: Logger

    init(record: IngestionJobRecord, store: IngestionJobStore, indexer: DocumentIndexer, logger: Logger) async throws {
        taskID = record.id ?? 0
        knowledgeBaseID = record.knowledgeBaseID
        self.store = store
        self.indexer = indexer
        self.logger = logger
        finished = try await store.finishedItems(of: taskID)
    }

    /// What became of one item.
    struct ItemResult: Sendable {
        var outcome: IngestionItemOutcome
        var reason: String?
        var sourceURI: String?

        static func skipped(_ reason: String) -> ItemResult { ItemResult(outcome: .skipped, reason: reason) }
        static func failed(_ reason: String) -> ItemResult { ItemResult(outcome: .failed, reason: reason) }
    }

    /// Records the stage (and totals, once known); stops the task if a cancel was asked for.
    func stage(_ stage: IngestTaskStage, itemsTotal: Int? = nil, bytesTotal: Int64? = nil) async throws {
        try Task.checkCancellation()
        logger.debug("ingestion task stage", metadata: ["stage": "\(stage.rawValue)"])
        if try await store.progress(taskID, stage: stage, itemsTotal: itemsTotal, bytesTotal: bytesTotal) {
            throw IngestionJobRunner.Cancelled()
        }
    }

    /// Runs `work` for the item `name` unless an earlier attempt finished it, and records
    /// the result. An error from `work` fails only this item, except what ends the whole task:
    /// `IngestionJobRunner.Failure`, a cancel asked for (`Cancelled`, which `stage` throws
    /// from inside a single file's item), shutdown, and the job store failing. Stops the task
    /// when a cancel was asked for.
    func item(_ name: String, bytes: Int64 = 0, _ work: () async throws -> ItemResult) async throws {
        guard !finished.contains(name) else { return }
        try Task.checkCancellation()
        let result: ItemResult
        do {
            result = try await work()
        } catch let error as CancellationError {
            throw error
        } catch let failure as IngestionJobRunner.Failure {
            throw failure
        } catch let cancelled as IngestionJobRunner.Cancelled {
            throw cancelled
        } catch let storeFailure as IngestionJobStore.Error {
            throw storeFailure
        } catch {
            result = .failed("\(error)")
        }
        let cancelRequested = try await store.finishItem(
            taskID, name: name, outcome: result.outcome, reason: result.reason, sourceURI: result.sourceURI, bytes: bytes)
        if cancelRequested {
            throw IngestionJobRunner.Cancelled()
        }
    }
}
