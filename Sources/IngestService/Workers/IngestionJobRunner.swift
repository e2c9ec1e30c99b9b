import Foundation
import Logging
import Wire

/// Runs one claimed task to its end: reads its source, indexes each item through
/// `rag.put_document`, records every item as it finishes, and ends the task.
///
/// A task that throws `Failure` fails with that message; one bad item never does (it is
/// recorded as a failed item). When the worker's own task is cancelled (shutdown), the task
/// goes back to the queue and resumes after its last finished item on the next start.
struct IngestionJobRunner: Sendable {
    let store: IngestionJobStore
    let indexer: DocumentIndexer
    let configuration: IngestServiceConfiguration
    let logger: Logger
    let fetcher: WebPageFetcher

    /// Why a whole task failed, in words for the person who submitted it.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The task was asked to stop (`ingest.cancel`).
    struct Cancelled: Error {}

    func run(_ record: IngestionJobRecord) async {
        guard let id = record.id else { return }
        var logger = logger
        logger[metadataKey: "task_id"] = .stringConvertible(id)
        logger[metadataKey: "kind"] = .string(record.kind.rawValue)
        logger.info("ingestion task started", metadata: ["attempt": "\(record.attempts)", "source": "\(record.source)"])
        let started = ContinuousClock.now
        let ending: Ending
        do {
            let run = try await IngestionRun(record: record, store: store, indexer: indexer, logger: logger)
            try await indexer.requireKnowledgeBase(record.knowledgeBaseID, taskID: id)
            try await execute(record, run: run)
            ending = .ended(.succeeded, error: nil)
        } catch is Cancelled {
            ending = .ended(.cancelled, error: nil)
        } catch let failure as Failure {
            ending = .ended(.failed, error: failure.description)
        } catch is CancellationError {
            ending = .released
        } catch let error as IngestionJobStore.Error {
            logger.error("ingestion task lost its storage", metadata: ["error": "\(error)"])
            ending = .ended(.failed, error: "the jobs database failed; see the ingest-service log")
        } catch {
            logger.error("ingestion task failed unexpectedly", metadata: ["error": "\(String(reflecting: error))"])
            ending = .ended(.failed, error: "internal error; see the ingest-service log")
        }
        do {
            switch ending {
            case .released:
                try await store.release(id)
                logger.notice("ingestion task released for a later start")
                return
            case .ended(let state, let message):
                let task = try await store.finish(id, state: state, error: message)
                logger.info(
                    "ingestion task ended",
                    metadata: [
                        "state": "\(state.rawValue)", "items": "\(task.items.done)/\(task.items.total)", "indexed": "\(task.items.indexed)",
                        "failed": "\(task.items.failed)", "seconds": "\((ContinuousClock.now - started).components.seconds)",
                        "error": "\(message ?? "-")",
                    ])
                if state != .failed {
                    removeStagedFile(of: record)
                }
            }
        } catch {
            logger.error("cannot record the end of an ingestion task", metadata: ["error": "\(error)"])
        }
        removeWorkDirectory(of: id)
    }

    /// How a run ended, before it is written down.
    enum Ending {
        case ended(IngestTaskState, error: String?)
        /// Shut down mid-task: back to the queue.
        case released
    }

    private func execute(_ record: IngestionJobRecord, run: IngestionRun) async throws {
        let spec: IngestSource
        do {
            spec = try record.sourceSpec
        } catch {
            throw Failure("the task's source cannot be read back: \(error)")
        }
        switch record.kind {
        case .file:
            guard let file = spec.file else { throw Failure("the task has no file") }
            try await ingestFile(file, run: run)
        case .archive:
            guard let file = spec.file else { throw Failure("the task has no file") }
            try await ingestArchive(file, run: run)
        case .wiki:
            guard let file = spec.file else { throw Failure("the task has no file") }
            try await ingestWiki(file, run: run)
        case .url:
            guard let web = spec.url else { throw Failure("the task has no URL") }
            try await ingestWeb(web, run: run)
        case .git:
            guard let git = spec.git else { throw Failure("the task has no repository") }
            try await ingestGit(git, run: run)
        }
    }

    /// A failed task keeps its upload, so that a retry can read it again; any other end removes it.
    func removeStagedFile(of record: IngestionJobRecord) {
        guard let path = (try? record.sourceSpec)?.file?.stagedPath else { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The task's scratch folder (a git checkout), if any.
    func workDirectory(of id: Int64) -> String {
        (configuration.workDirectory as NSString).appendingPathComponent("task-\(id)")
    }

    private func removeWorkDirectory(of id: Int64) {
        try? FileManager.default.removeItem(atPath: workDirectory(of: id))
    }
}
