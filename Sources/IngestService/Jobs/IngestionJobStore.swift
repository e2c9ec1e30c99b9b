import Foundation
import GRDB
import SQLiteStorage
import Wire

/// The ingestion tasks in `jobs.sqlite`: submitting, claiming with a lease, recording each
/// finished item, cancelling and retrying.
///
/// An actor so that the claim of the next queued task and the lease bookkeeping of one
/// process never interleave; every change is one transaction, so a `kill -9` at any point
/// leaves a task either before or after each of its items.
actor IngestionJobStore {
    let database: DatabasePool
    private let clock: @Sendable () -> Date

    /// Failures listed with a task at most; the counts stay exact.
    static let failuresShown = 100

    init(database: DatabasePool, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.clock = clock
    }

    /// Now, to the whole second: the precision the contracts carry.
    nonisolated func now() -> Date {
        Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down))
    }

    // MARK: Submitting and reading

    /// Queues a new task.
    func submit(knowledgeBaseID: Int64, submittedBy: Int64?, kind: IngestTaskKind, source: String, spec: IngestSource) async throws(Error)
        -> IngestTask
    {
        guard knowledgeBaseID > 0 else { throw .invalid(field: "knowledge_base_id", reason: "must be a positive id") }
        let specText: String
        do {
            specText = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        } catch {
            throw .storage("cannot encode the source: \(error)")
        }
        let now = now()
        let bytesTotal = spec.file?.size ?? 0
        return try await write { db in
            var record = IngestionJobRecord(
                knowledgeBaseID: knowledgeBaseID, kind: kind, source: source, spec: specText, submittedBy: submittedBy,
                state: .queued, stage: nil, bytesTotal: bytesTotal, createdAt: now, updatedAt: now)
            try record.insert(db)
            return try Self.task(record, db: db, now: now)
        }
    }

    /// The task with `id`.
    func task(_ id: Int64) async throws(Error) -> IngestTask {
        let now = now()
        return try await read { db in
            guard let record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            return try Self.task(record, db: db, now: now)
        }
    }

    /// The row of the task with `id`, for a worker.
    func record(_ id: Int64) async throws(Error) -> IngestionJobRecord {
        try await read { db in
            guard let record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            return record
        }
    }

    /// Tasks newest first, filtered, one page after `cursor`.
    func list(_ params: IngestList.Params) async throws(Error) -> (tasks: [IngestTask], nextCursor: String?) {
        let limit = params.limit ?? IngestList.defaultLimit
        guard IngestList.limitRange.contains(limit) else {
            throw .invalid(field: "limit", reason: "must be in \(IngestList.limitRange.lowerBound)...\(IngestList.limitRange.upperBound)")
        }
        var cursorID: Int64?
        if let cursor = params.cursor {
            guard let id = PageToken.decode(cursor, tag: "tasks") else {
                throw .invalid(field: "cursor", reason: "is not a cursor of this listing")
            }
            cursorID = id
        }
        let before = cursorID
        let now = now()
        return try await read { db in
            var request = IngestionJobRecord.all()
            if let kb = params.knowledgeBaseID { request = request.filter(Column("knowledge_base_id") == kb) }
            if let state = params.state { request = request.filter(Column("state") == state.rawValue) }
            if let by = params.submittedBy { request = request.filter(Column("submitted_by") == by) }
            if let before { request = request.filter(Column("id") < before) }
            let records = try request.order(Column("id").desc).limit(limit + 1).fetchAll(db)
            let page = records.prefix(limit)
            let tasks = try page.map { try Self.task($0, db: db, now: now) }
            let next = records.count > limit ? page.last?.id.map { PageToken.encode(tag: "tasks", after: $0) } : nil
            return (tasks, next)
        }
    }

    // MARK: Cancel and retry

    /// Cancels a queued task at once, or asks a running one to stop before its next item.
    /// An ended task is answered as it is. Returns the task and whether it was queued (its
    /// staged file can go now).
    func cancel(_ id: Int64) async throws(Error) -> (task: IngestTask, endedNow: Bool) {
        let now = now()
        return try await write { db in
            guard var record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            var endedNow = false
            switch record.state {
            case .queued:
                record.state = .cancelled
                record.finishedAt = now
                record.updatedAt = now
                record.cancelRequested = true
                endedNow = true
                try record.update(db)
            case .running:
                if !record.cancelRequested {
                    record.cancelRequested = true
                    record.updatedAt = now
                    try record.update(db)
                }
            case .succeeded, .failed, .cancelled:
                break
            }
            return (try Self.task(record, db: db, now: now), endedNow)
        }
    }

    /// Queues a failed or cancelled task again; its failed items will be tried again.
    func retry(_ id: Int64) async throws(Error) -> IngestTask {
        let now = now()
        return try await write { db in
            guard var record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            guard record.state == .failed || record.state == .cancelled else {
                throw Error.conflict("task \(id) is \(record.state.rawValue); only failed or cancelled tasks can be retried")
            }
            let failed = IngestionItemRecord.filter(Column("job_id") == id && Column("outcome") == IngestionItemOutcome.failed.rawValue)
            let failedBytes = try Int64.fetchOne(db, failed.select(sum(Column("bytes")))) ?? 0
            try failed.deleteAll(db)
            record.itemsDone -= record.itemsFailed
            record.bytesDone = max(0, record.bytesDone - failedBytes)
            record.itemsFailed = 0
            record.state = .queued
            record.stage = nil
            record.error = nil
            record.cancelRequested = false
            record.finishedAt = nil
            record.updatedAt = now
            try record.update(db)
            return try Self.task(record, db: db, now: now)
        }
    }

    // MARK: Workers

    /// Puts every task that was running under another owner (a process that died, or this
    /// one before a restart) back in the queue, lease cleared. Only one ingest-service owns
    /// `jobs.sqlite`, so at start every running task is abandoned; while running, only those
    /// whose lease expired are. Returns the ids requeued.
    @discardableResult
    func requeueAbandoned(owner: String, expiredOnly: Bool) async throws(Error) -> [Int64] {
        let now = now()
        return try await write { db in
            var request = IngestionJobRecord.filter(Column("state") == IngestTaskState.running.rawValue)
            if expiredOnly {
                request = request.filter(Column("lease_expires_at") < now && Column("lease_owner") != owner)
            }
            let records = try request.fetchAll(db)
            for var record in records {
                record.state = record.cancelRequested ? .cancelled : .queued
                record.finishedAt = record.cancelRequested ? now : nil
                record.leaseOwner = nil
                record.leaseExpiresAt = nil
                record.stage = nil
                record.updatedAt = now
                try record.update(db)
            }
            return records.compactMap(\.id)
        }
    }

    /// Takes the oldest queued task: running, under `owner`'s lease, one more attempt.
    func claimNext(owner: String, lease: Duration) async throws(Error) -> IngestionJobRecord? {
        let now = now()
        let expires = now.addingTimeInterval(TimeInterval(lease.components.seconds))
        return try await write { db in
            guard
                var record = try IngestionJobRecord.filter(Column("state") == IngestTaskState.queued.rawValue)
                    .order(Column("id")).fetchOne(db)
            else { return nil }
            record.state = .running
            record.attempts += 1
            record.leaseOwner = owner
            record.leaseExpiresAt = expires
            record.heartbeatAt = now
            record.startedAt = now
            record.updatedAt = now
            try record.update(db)
            return record
        }
    }

    /// Renews the leases `owner` holds.
    func heartbeat(owner: String, lease: Duration) async throws(Error) {
        let now = now()
        let expires = now.addingTimeInterval(TimeInterval(lease.components.seconds))
        _ = try await write { db in
            try IngestionJobRecord.filter(Column("state") == IngestTaskState.running.rawValue && Column("lease_owner") == owner)
                .updateAll(db, Column("lease_expires_at").set(to: expires), Column("heartbeat_at").set(to: now))
        }
    }

    /// The staged files of queued and running tasks, which must stay.
    func stagedPathsInUse() async throws(Error) -> Set<String> {
        try await read { db in
            let specs = try String.fetchAll(
                db,
                IngestionJobRecord.filter([IngestTaskState.queued.rawValue, IngestTaskState.running.rawValue].contains(Column("state")))
                    .select(Column("spec")))
            return Set(specs.compactMap { try? JSONDecoder().decode(IngestSource.self, from: Data($0.utf8)).file?.stagedPath })
        }
    }

    /// The names of the items a task already finished (in any outcome): a resumed task skips them.
    func finishedItems(of id: Int64) async throws(Error) -> Set<String> {
        try await read { db in
            Set(try String.fetchAll(db, IngestionItemRecord.filter(Column("job_id") == id).select(Column("name"))))
        }
    }

    /// The source URIs a task indexed or found unchanged, e.g. to tell which git files are gone.
    func indexedSourceURIs(of id: Int64) async throws(Error) -> [String] {
        try await read { db in
            try String.fetchAll(
                db,
                IngestionItemRecord.filter(Column("job_id") == id && Column("source_uri") != nil).select(Column("source_uri")))
        }
    }

    /// Records the stage and, when known, the totals; answers whether a cancel was asked for.
    @discardableResult
    func progress(_ id: Int64, stage: IngestTaskStage?, itemsTotal: Int? = nil, bytesTotal: Int64? = nil) async throws(Error) -> Bool {
        let now = now()
        return try await write { db in
            guard var record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            record.stage = stage
            if let itemsTotal { record.itemsTotal = itemsTotal }
            if let bytesTotal { record.bytesTotal = bytesTotal }
            record.updatedAt = now
            try record.update(db)
            return record.cancelRequested
        }
    }

    /// Records one finished item and counts it, in one transaction; answers whether a cancel
    /// was asked for. Recording an item twice counts it once.
    @discardableResult
    func finishItem(
        _ id: Int64, name: String, outcome: IngestionItemOutcome, reason: String? = nil, sourceURI: String? = nil, bytes: Int64 = 0
    ) async throws(Error) -> Bool {
        let now = now()
        return try await write { db in
            guard var record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            let item = IngestionItemRecord(
                jobID: id, name: name, outcome: outcome, reason: reason, sourceURI: sourceURI, bytes: bytes, at: now)
            try item.insert(db, onConflict: .ignore)
            if db.changesCount > 0 {
                record.itemsDone += 1
                switch outcome {
                case .indexed: record.itemsIndexed += 1
                case .unchanged: record.itemsUnchanged += 1
                case .skipped: record.itemsSkipped += 1
                case .failed: record.itemsFailed += 1
                }
                record.bytesDone += bytes
                record.itemsTotal = max(record.itemsTotal, record.itemsDone)
            }
            record.updatedAt = now
            record.heartbeatAt = now
            try record.update(db)
            return record.cancelRequested
        }
    }

    /// Ends a task: `succeeded`, `failed` with `error`, or `cancelled`; the lease is released.
    func finish(_ id: Int64, state: IngestTaskState, error: String? = nil) async throws(Error) -> IngestTask {
        let now = now()
        return try await write { db in
            guard var record = try IngestionJobRecord.fetchOne(db, key: id) else { throw Error.notFound(taskID: id) }
            record.state = state
            record.error = error
            record.stage = nil
            record.leaseOwner = nil
            record.leaseExpiresAt = nil
            record.finishedAt = now
            record.updatedAt = now
            try record.update(db)
            return try Self.task(record, db: db, now: now)
        }
    }

    /// Gives a running task back to the queue (this process is shutting down).
    func release(_ id: Int64) async throws(Error) {
        let now = now()
        try await write { db in
            guard var record = try IngestionJobRecord.fetchOne(db, key: id), record.state == .running else { return }
            record.state = .queued
            record.stage = nil
            record.leaseOwner = nil
            record.leaseExpiresAt = nil
            record.updatedAt = now
            try record.update(db)
        }
    }

    // MARK: Helpers

    private func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(Error) -> T {
        try await database.writeTransaction(failingAs: Error.self, work)
    }

    private func read<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(Error) -> T {
        try await database.readTransaction(failingAs: Error.self, work)
    }
}
