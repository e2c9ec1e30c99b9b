import Foundation
import GRDB
import Wire

extension IngestionJobStore {
    /// The task as callers see it: counts, percent, an ETA from the pace so far, and the
    /// first failed items with their reasons.
    static func task(_ record: IngestionJobRecord, db: Database, now: Date) throws -> IngestTask {
        let id = record.id ?? 0
        let failures =
            try IngestionItemRecord
            .filter(Column("job_id") == id && Column("outcome") == IngestionItemOutcome.failed.rawValue)
            .order(Column("at"), Column("name"))
            .limit(failuresShown)
            .fetchAll(db)
            .map { IngestTask.Failure(item: $0.name, reason: $0.reason ?? "failed") }
        return IngestTask(
            id: id, knowledgeBaseID: record.knowledgeBaseID, kind: record.kind, source: record.source, submittedBy: record.submittedBy,
            state: record.state, stage: record.stage, percent: percent(record),
            items: .init(
                total: record.itemsTotal, done: record.itemsDone, indexed: record.itemsIndexed, unchanged: record.itemsUnchanged,
                skipped: record.itemsSkipped, failed: record.itemsFailed),
            bytes: .init(done: record.bytesDone, total: record.bytesTotal),
            failures: failures, error: record.error, attempts: record.attempts, etaSeconds: eta(record, now: now),
            createdAt: record.createdAt, updatedAt: record.updatedAt, finishedAt: record.finishedAt)
    }

    /// 100 once succeeded; else the share of items done, or of bytes before items are known.
    static func percent(_ record: IngestionJobRecord) -> Int {
        if record.state == .succeeded { return 100 }
        if record.itemsTotal > 0 { return min(99, record.itemsDone * 100 / record.itemsTotal) }
        if record.bytesTotal > 0 { return Int(min(99, record.bytesDone * 100 / record.bytesTotal)) }
        return 0
    }

    /// Seconds left at the pace of the current attempt; nil when not running or too early to tell.
    static func eta(_ record: IngestionJobRecord, now: Date) -> Int? {
        guard record.state == .running, let started = record.startedAt, record.itemsTotal > record.itemsDone, record.itemsDone > 0 else {
            return nil
        }
        let elapsed = now.timeIntervalSince(started)
        guard elapsed > 0 else { return nil }
        let perItem = elapsed / Double(record.itemsDone)
        return Int((perItem * Double(record.itemsTotal - record.itemsDone)).rounded(.up))
    }
}
