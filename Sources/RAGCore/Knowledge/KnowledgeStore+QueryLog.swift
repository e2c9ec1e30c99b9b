import Foundation
import GRDB
import Wire

extension KnowledgeStore {
    /// Appends an answered question to the query log; returns the entry's id. The entry is
    /// written behind the answer (``QueryLogWriter``).
    func logQuery(_ record: QueryLogRecord) -> Int64 {
        queryLog.append(record)
    }

    /// Log entries, newest first, filtered, one page at a time.
    func logEntries(_ params: LogsList.Params) async throws(Error) -> (entries: [QueryLogEntry], next: String?) {
        let size = try ListingCursor.pageSize(params.limit)
        let before = try params.cursor.map { (token) throws(Error) in try ListingCursor(token: token, listing: .queryLog).after }
        // Questions answered just before are listed too.
        await queryLog.flushed()
        let page = try await read { db in
            var request = QueryLogRecord.all()
            if let before { request = request.filter(QueryLogRecord.Columns.id < before) }
            if let telegramID = params.telegramID { request = request.filter(QueryLogRecord.Columns.telegramID == telegramID) }
            if let kind = params.answerKind { request = request.filter(QueryLogRecord.Columns.answerKind == kind.rawValue) }
            if let since = params.since { request = request.filter(QueryLogRecord.Columns.at >= since) }
            if let until = params.until { request = request.filter(QueryLogRecord.Columns.at < until) }
            if let kb = params.knowledgeBaseID {
                request = request.filter(sql: "(',' || knowledge_base_ids || ',') LIKE ?", arguments: ["%,\(kb),%"])
            }
            return try request.order(QueryLogRecord.Columns.id.desc).limit(size + 1).fetchAll(db).map(\.entry)
        }
        let next = page.count > size ? ListingCursor(listing: .queryLog, after: page[size - 1].id).token : nil
        return (Array(page.prefix(size)), next)
    }

    /// Records the asker's verdict on an answer. `telegramID` is who gives it, when known.
    /// The writer runs what it is given in order, so the answer's entry is there already.
    func feedback(logID: Int64, helpful: Bool, comment: String?, telegramID: Int64?) async throws(Error) -> QueryLogEntry {
        try await write { db in
            guard var record = try QueryLogRecord.fetchOne(db, key: logID) else { throw Error.logEntryNotFound(id: logID) }
            if let asker = record.telegramID, let telegramID, asker != telegramID {
                throw Error.notYourAnswer(logID: logID)
            }
            record.helpful = helpful
            record.comment = comment.flatMap { $0.isEmpty ? nil : String($0.prefix(2000)) }
            try record.update(db)
            return record.entry
        }
    }
}
