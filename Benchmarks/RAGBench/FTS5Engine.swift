import Foundation
import GRDB
import RAGCore

/// The alternative the issue measured against: a plain SQLite FTS5 table over the same
/// chunks (`title` = title and headings, `body` = text; the default `unicode61` tokenizer,
/// no stemming), ranked by `bm25(chunk_fts, 2.0, 1.0)` (title weighted 2, as in the
/// Xapian index) for a natural-language OR query, `LIMIT top_k`.
///
/// The query words are the question's words as RAGCore's analyzer finds them (so the same
/// Russian stopwords are dropped), lowercased, unstemmed, each quoted so nothing in a
/// question is FTS5 syntax, joined with `OR`. After loading, the index is merged with
/// FTS5's `optimize` (counted in the indexing time): the fastest form FTS5 can query.
struct FTS5Engine {
    static let transactionSize = 10_000

    let database: DatabaseQueue
    private let analyzer = TextAnalyzer(language: .automatic)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE chunk_fts USING fts5(title, body)")
        }
    }

    /// Loads the whole corpus; returns the time spent in SQLite (not in making text).
    func load(_ corpus: BenchCorpus) throws -> Duration {
        let clock = ContinuousClock()
        var spent = Duration.zero
        var start = 0
        while start < corpus.size {
            let end = min(start + Self.transactionSize, corpus.size)
            let rows = (start..<end).map { position -> (Int64, String, String) in
                let chunk = corpus.chunk(position)
                return (Int64(position + 1), ([chunk.title] + chunk.headingPath).joined(separator: " "), chunk.text)
            }
            spent += try clock.measure {
                try database.inTransaction { db in
                    let insert = try db.cachedStatement(sql: "INSERT INTO chunk_fts(rowid, title, body) VALUES (?, ?, ?)")
                    for (id, title, body) in rows {
                        try insert.execute(arguments: [id, title, body])
                    }
                    return .commit
                }
            }
            start = end
        }
        spent += try clock.measure {
            try database.write { db in try db.execute(sql: "INSERT INTO chunk_fts(chunk_fts) VALUES ('optimize')") }
        }
        return spent
    }

    /// The FTS5 query for a question: its words, quoted, joined with OR; nil without words.
    func matchExpression(_ question: String) -> String? {
        var seen = Set<String>()
        let words = analyzer.tokens(in: question).compactMap { token -> String? in
            let word = question[token.range].lowercased().replacing("\"", with: "\"\"")
            return seen.insert(word).inserted ? "\"\(word)\"" : nil
        }
        return words.isEmpty ? nil : words.joined(separator: " OR ")
    }

    /// Runs `expressions` one after another on one connection, timing each.
    func timedSearches(_ expressions: [String], topK: Int, budget: Duration) throws -> (timings: [Duration], hits: [[Int64]]) {
        let clock = ContinuousClock()
        return try database.inDatabase { db in
            let select = try db.cachedStatement(
                sql: "SELECT rowid FROM chunk_fts WHERE chunk_fts MATCH ? ORDER BY bm25(chunk_fts, 2.0, 1.0) LIMIT ?")
            var timings: [Duration] = []
            var hits: [[Int64]] = []
            var spent = Duration.zero
            for expression in expressions {
                var found: [Int64] = []
                let timing = try clock.measure { found = try Int64.fetchAll(select, arguments: [expression, topK]) }
                timings.append(timing)
                hits.append(found)
                spent += timing
                if spent > budget { break }
            }
            return (timings, hits)
        }
    }
}
