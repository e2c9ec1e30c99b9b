import Foundation
import Logging
import ServiceLifecycle

/// Runs queued ingestion tasks, at most `workers` at a time, as a `Service` of the process.
///
/// On start it takes back every task left running by a process that died (their items so
/// far are recorded, so they resume after the last finished one). While it runs, a ticker
/// renews the leases of its tasks and looks for new work; a submit or retry wakes it at once.
/// On graceful shutdown the running tasks stop before their next item and go back to the queue.
actor IngestionWorkerPool: Service {
    let store: IngestionJobStore
    let runner: IngestionJobRunner
    let workers: Int
    let lease: Duration
    /// This process's lease owner name: a task leased by another owner is not ours.
    let owner: String
    let logger: Logger
    /// How often leases are renewed and the queue looked at without being woken.
    let tick: Duration
    /// Old unused staged files are removed at start.
    let staging: StagingSweep?

    private let wakeups: AsyncStream<Void>
    private let wakeup: AsyncStream<Void>.Continuation
    private var active = 0
    /// Whether the last look at rag-core found it down, to log the change only.
    private var ragWasDown = false

    init(
        store: IngestionJobStore, runner: IngestionJobRunner, workers: Int, lease: Duration, logger: Logger, tick: Duration = .seconds(2),
        staging: StagingSweep? = nil
    ) {
        self.staging = staging
        self.store = store
        self.runner = runner
        self.workers = max(1, workers)
        self.lease = lease
        self.owner = "ingest-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.logger = logger
        self.tick = tick
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the pool to look at the queue now (after a submit or a retry).
    nonisolated func nudge() {
        wakeup.yield()
    }

    func run() async throws {
        let resumed = try await store.requeueAbandoned(owner: owner, expiredOnly: false)
        if !resumed.isEmpty {
            logger.notice(
                "resuming ingestion tasks left running", metadata: ["tasks": "\(resumed.map(String.init).joined(separator: ","))"])
        }
        if let staging {
            let removed = staging.run(keeping: try await store.stagedPathsInUse())
            if removed > 0 {
                logger.notice("old staged uploads removed", metadata: ["files": "\(removed)"])
            }
        }
        nudge()
        await withDiscardingTaskGroup { group in
            group.addTask { [tick] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: tick)
                    // A sleep cut short by shutdown: nothing is left to keep up, and the store
                    // would only answer CancellationError (logged as a failure, on every stop).
                    guard !Task.isCancelled else { break }
                    await self.maintain()
                }
            }
            for await _ in wakeups.cancelOnGracefulShutdown() {
                await fillSlots(in: &group)
            }
            group.cancelAll()
        }
        wakeup.finish()
    }

    /// Starts queued tasks while a worker is free.
    private func fillSlots(in group: inout DiscardingTaskGroup) async {
        guard active < workers else { return }
        let ragUp = await runner.indexer.ragIsUp()
        if ragUp == ragWasDown {
            ragWasDown = !ragUp
            if ragUp {
                logger.info("rag-core answers; queued ingestion tasks may start")
            } else {
                logger.warning("rag-core does not answer; queued ingestion tasks wait for it")
            }
        }
        guard ragUp else { return }
        while active < workers {
            let claimed: IngestionJobRecord?
            do {
                claimed = try await store.claimNext(owner: owner, lease: lease)
            } catch {
                logger.error("cannot claim an ingestion task", metadata: ["error": "\(error)"])
                return
            }
            guard let record = claimed else { return }
            active += 1
            group.addTask { [runner] in
                await runner.run(record)
                await self.taskEnded()
            }
        }
    }

    private func taskEnded() {
        active -= 1
        nudge()
    }

    /// Renews this process's leases, takes back expired ones, and looks at the queue.
    private func maintain() async {
        do {
            try await store.heartbeat(owner: owner, lease: lease)
            let requeued = try await store.requeueAbandoned(owner: owner, expiredOnly: true)
            if !requeued.isEmpty {
                logger.warning("ingestion tasks with expired leases requeued", metadata: ["tasks": "\(requeued)"])
            }
        } catch {
            logger.error("ingestion lease upkeep failed", metadata: ["error": "\(error)"])
        }
        nudge()
    }
}
