import Synchronization

/// Read-only Xapian handles for concurrent searches.
///
/// A Xapian handle serves one thread at a time, so each search borrows a handle of its
/// own: an idle one if there is one, else a newly opened one. Up to `maximumIdle`
/// handles are kept for reuse. Commits bump a generation counter; a handle older than
/// the current generation is reopened before use, so a search always sees every commit
/// that finished before it started.
final class XapianReaderPool: Sendable {
    private let path: String
    private let maximumIdle: Int
    private let idle = Mutex<[XapianReader]>([])
    private let generation = Atomic<Int>(0)

    init(path: String, maximumIdle: Int) {
        self.path = path
        self.maximumIdle = maximumIdle
    }

    /// Call after every commit so that later reads reopen at the new revision.
    func markCommitted() {
        generation.wrappingAdd(1, ordering: .releasing)
    }

    /// Runs `body` with a read-only handle at (at least) the latest commit.
    func withReader<R: Sendable>(
        _ body: (borrowing XapianDatabase) throws(SearchIndex.Error) -> R
    ) throws(SearchIndex.Error) -> R {
        // Read the generation before opening or reopening, never after: a commit that
        // lands in between then only causes one extra reopen next time.
        let current = generation.load(ordering: .acquiring)
        let reader: XapianReader
        if let pooled = idle.withLock({ $0.popLast() }) {
            reader = pooled
        } else {
            reader = try XapianReader(path: path, generation: current)
        }
        defer {
            idle.withLock { idle in
                if idle.count < maximumIdle { idle.append(reader) }
            }
        }
        return try reader.use(generation: current, body)
    }
}
