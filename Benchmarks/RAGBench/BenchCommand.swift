import ArgumentParser
import Foundation
import RAGCore

/// Builds corpora of real text at each size, indexes each into Xapian (RAGCore's
/// `SearchIndex`) and SQLite FTS5 in the same run, and reports indexing throughput and
/// single-thread query latency for both. See `Benchmarks/RAGBench/README.md`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rag-bench",
        abstract: "Xapian (RAGCore SearchIndex) against SQLite FTS5 bm25(): indexing and query speed at several corpus sizes.")

    @Option(help: "Corpus sizes in chunks, comma-separated.")
    var sizes = "10000,100000,1000000"

    @Option(help: "Questions per engine and size (from the datasets' queries.jsonl, shuffled with a fixed seed).")
    var queries = 1_000

    @Option(help: "Stop FTS5's questions at one size once they have taken this many seconds (Xapian always runs all).")
    var fts5BudgetSeconds = 240

    @Option(help: "Hits per question.")
    var topK = 10

    @Option(help: "The datasets folder (BEIR layout: */corpus.jsonl, */queries.jsonl).")
    var datasets = "../shared/datasets"

    @Option(help: "Folders whose *.md / *.txt files are the documentation text, comma-separated.")
    var documentation = ".build/checkouts,/usr/share/doc"

    @Option(help: "Scratch folder for the indexes; created, and removed at the end.")
    var scratch = "/tmp/rag-bench-\(ProcessInfo.processInfo.processIdentifier)"

    func validate() throws {
        guard !sizeList.isEmpty, sizeList.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sizes must be positive integers") }
        guard scratch.hasPrefix("/tmp/") else { throw ValidationError("--scratch must be under /tmp/ (it is removed at the end)") }
        guard queries > 0, (1...100).contains(topK) else { throw ValidationError("--queries must be positive, --top-k 1...100") }
    }

    var sizeList: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let clock = ContinuousClock()
        var real: RealText?
        let reading = try clock.measure {
            real = try RealText(
                datasetsFolder: URL(filePath: datasets),
                documentationRoots: documentation.split(separator: ",").map { URL(filePath: String($0)) })
        }
        guard let real, !real.chunks.isEmpty else { throw ValidationError("no real text found under \(datasets) and \(documentation)") }
        let characters = real.chunks.reduce(0) { $0 + $1.text.count }
        print("real text: \(real.chunks.count) distinct chunks (\(characters / real.chunks.count) characters on average) from \(real.files) files, \(real.sentences.count) sentences; read in \(String(format: "%.1f", reading.seconds)) s")

        let questions = try QuestionSet(datasetsFolder: URL(filePath: datasets), count: queries)
        print("questions: \(questions.texts.count) of \(questions.available) from queries.jsonl (fixed seed)")

        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var rows: [ResultRow] = []
        for size in sizeList {
            let corpus = BenchCorpus(real: real, size: size)
            print("\n== \(size) chunks: \(corpus.realCount) real, \(size - corpus.realCount) made of real sentences")
            let folder = (scratch as NSString).appendingPathComponent("\(size)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }

            let xapianFolder = (folder as NSString).appendingPathComponent("kb.xapian")
            let xapian = try XapianEngine(directory: xapianFolder)
            let xapianIndexing = try xapian.load(corpus)
            print("xapian: indexed in \(String(format: "%.1f", xapianIndexing.seconds)) s")
            for question in questions.texts.prefix(20) { _ = try xapian.search(question, topK: topK) }  // warm-up
            var xapianTimings: [Duration] = []
            for question in questions.texts {
                xapianTimings.append(try clock.measure { _ = try xapian.search(question, topK: topK) })
            }
            rows.append(ResultRow(
                size: size, engine: "Xapian (SearchIndex)", indexing: xapianIndexing, indexBytes: Self.bytes(under: xapianFolder),
                latency: LatencySummary(xapianTimings)))
            print(rows.last!.markdown)

            let ftsPath = (folder as NSString).appendingPathComponent("fts.sqlite")
            let fts = try FTS5Engine(path: ftsPath)
            let ftsIndexing = try fts.load(corpus)
            print("fts5: loaded in \(String(format: "%.1f", ftsIndexing.seconds)) s")
            let expressions = questions.texts.compactMap(fts.matchExpression)
            _ = try fts.timedSearches(Array(expressions.prefix(5)), topK: topK, budget: .seconds(30))  // warm-up
            let (ftsTimings, _) = try fts.timedSearches(expressions, topK: topK, budget: .seconds(fts5BudgetSeconds))
            rows.append(ResultRow(
                size: size, engine: "SQLite FTS5 bm25()", indexing: ftsIndexing,
                indexBytes: Self.bytes(under: ftsPath) + Self.bytes(under: ftsPath + "-wal"), latency: LatencySummary(ftsTimings)))
            print(rows.last!.markdown)
            let ratio = rows[rows.count - 2].latency.perSecond / max(rows[rows.count - 1].latency.perSecond, 1e-9)
            print("xapian answers \(String(format: "%.1f", ratio))x the queries/s of fts5 at \(size) chunks")
        }

        print("\n" + ResultRow.header)
        for row in rows { print(row.markdown) }
    }

    /// Bytes of a file, or of every file under a folder.
    static func bytes(under path: String) -> Int64 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
        guard isDirectory.boolValue else {
            return ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return files.reduce(0) { $0 + bytes(under: (path as NSString).appendingPathComponent($1)) }
    }
}

/// One line of the results table.
struct ResultRow {
    var size: Int
    var engine: String
    var indexing: Duration
    var indexBytes: Int64
    var latency: LatencySummary

    static let header = """
        | chunks | engine | indexing chunks/s | index MB | questions | p50 ms | p99 ms | queries/s |
        |---:|---|---:|---:|---:|---:|---:|---:|
        """

    var markdown: String {
        let throughput = Double(size) / max(indexing.seconds, 1e-9)
        return "| \(size.formatted()) | \(engine) | \(Int(throughput).formatted()) | \(indexBytes / 1_000_000) | \(latency.count) | "
            + String(format: "%.3f | %.3f | ", latency.p50.milliseconds, latency.p99.milliseconds)
            + (latency.perSecond < 100 ? String(format: "%.1f", latency.perSecond) : Int(latency.perSecond.rounded()).formatted()) + " |"
    }
}
