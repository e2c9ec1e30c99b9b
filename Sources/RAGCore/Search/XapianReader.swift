import Synchronization

/// One read-only handle and the commit generation it was last opened at.
///
/// The pool hands each reader to one search at a time; the `Mutex` makes that a
/// guarantee rather than a convention, and makes the class `Sendable` without
/// `@unchecked`.
final class XapianReader: Sendable {
    private struct State: ~Copyable {
        var database: XapianDatabase
        var generation: Int
    }

    private let state: Mutex<State>

    init(path: String, generation: Int) throws(SearchIndex.Error) {
        state = Mutex(State(database: try XapianDatabase.openReadOnly(path: path), generation: generation))
    }

    func use<R: Sendable>(
        generation: Int, _ body: (borrowing XapianDatabase) throws(SearchIndex.Error) -> R
    ) throws(SearchIndex.Error) -> R {
        try state.withLock { (state) throws(SearchIndex.Error) -> R in
            if state.generation != generation {
                try state.database.reopen()
                state.generation = generation
            }
            return try body(state.database)
        }
    }
}
