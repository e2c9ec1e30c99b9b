// rag-bench: indexing throughput and single-thread query latency of RAGCore's Xapian
// SearchIndex and of a plain SQLite FTS5 bm25() table, side by side, at several corpus sizes.
import ArgumentParser

BenchCommand.main()
