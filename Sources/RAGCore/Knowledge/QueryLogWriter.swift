import GRDB
import Logging
import ServiceLifecycle
import Synchronization

/// Writes the query log behind the answers: an answered question's entry gets its id at
/// once, and is written together with the entries of the questions answered meanwhile.
///
/// Writing each entry in a transaction of its own before answering cost every question a
/// hop to SQLite's writer thread and back, and a commit; now the answer waits for neither,
/// and under load one commit carries many entries.
///
/// Nothing is lost or reordered for a reader of the log:
/// - each entry is queued on the database's one writer before the answer carrying its id
///   leaves, and the writer runs what it is given in order, so feedback on an answer (a
///   write) always finds its entry;
/// - a listing waits for ``flushed()`` first;
/// - as a `Service`, it waits for the queue at graceful shutdown. Run it before the Wire
///   server in the service list: services stop in reverse order, so the server finishes the
///   questions in flight first.
///
/// This process is the only writer of `kb.sqlite` (`docs/deploy.md`), so the next id can be
/// kept in memory.
final class QueryLogWriter: Service, Sendable {
    private struct State {
        var nextID: Int64
        var pending: [QueryLogRecord] = []
        /// Whether a write of `pending` is already queued on the writer.
        var writeQueued = false
        /// Writes queued and not yet finished: nothing to wait for when 0.
        var unfinishedWrites = 0
    }

    private let database: DatabasePool
    private let state: Mutex<State>
    private let logger: Logger

    /// A writer continuing after the largest id the log has ever used.
    init(database: DatabasePool, logger: Logger = Logger(label: "rag-core")) throws {
        let last = try database.read { db in
            // AUTOINCREMENT never reuses an id, not even a deleted entry's.
            let largest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM query_log") ?? 0
            let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'query_log'") ?? 0
            return max(largest, sequence)
        }
        self.database = database
        self.state = Mutex(State(nextID: last + 1))
        self.logger = logger
    }

    /// Queues `record` for writing and returns the id it is written under.
    func append(_ record: QueryLogRecord) -> Int64 {
        state.withLock { state in
            var record = record
            let id = state.nextID
            state.nextID += 1
            record.id = id
            state.pending.append(record)
            if !state.writeQueued {
                // Queued under the lock (queueing only enqueues): no caller gets an id
                // before the write carrying it is on the writer's queue.
                state.writeQueued = true
                state.unfinishedWrites += 1
                database.asyncWriteWithoutTransaction { db in self.writePending(db) }
            }
            return id
        }
    }

    /// Returns once every entry appended before the call is written, or its failure logged.
    func flushed() async {
        guard state.withLock({ $0.unfinishedWrites > 0 }) else { return }
        // Queued behind the writes already queued; not cancellable, so a shutdown still waits.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            database.asyncWriteWithoutTransaction { _ in continuation.resume() }
        }
    }

    /// Waits for graceful shutdown (or cancellation), then for the entries still queued.
    func run() async throws {
        try? await gracefulShutdown()
        await flushed()
    }

    /// Writes every pending entry in one transaction. An entry SQLite refuses is logged and
    /// left out; the others are still written.
    private func writePending(_ db: Database) {
        let records = state.withLock { state in
            var taken: [QueryLogRecord] = []
            swap(&taken, &state.pending)
            state.writeQueued = false
            return taken
        }
        defer { state.withLock { $0.unfinishedWrites -= 1 } }
        do {
            try db.inTransaction {
                for var record in records {
                    do {
                        try record.insert(db)
                    } catch {
                        // Some failures (a full disk) end the whole transaction: then the batch is lost.
                        guard db.isInsideTransaction else { throw error }
                        logger.error("query log entry not written", metadata: ["log_id": "\(record.id ?? 0)", "error": "\(error)"])
                    }
                }
                return .commit
            }
        } catch {
            let ids = records.compactMap(\.id)
            logger.error(
                "query log entries not written",
                metadata: ["count": "\(records.count)", "first_log_id": "\(ids.first ?? 0)", "last_log_id": "\(ids.last ?? 0)", "error": "\(error)"])
        }
    }
}
