import GRDB

/// A store's own error type, which can also say that the storage itself failed.
public protocol StorageFailure: Error {
    static func storage(_ description: String) -> Self
}

extension DatabasePool {
    /// Runs `work` in a write transaction. A `Failure` it throws rolls the transaction back and
    /// comes out as is; any other error comes out as `Failure.storage`.
    public func writeTransaction<T: Sendable, Failure: StorageFailure>(
        failingAs failure: Failure.Type,
        _ work: @escaping @Sendable (Database) throws -> T
    ) async throws(Failure) -> T {
        try await Self.failing(as: failure) { try await self.write(work) }
    }

    /// Runs `work` in a read transaction, concurrently with other reads and the writer.
    public func readTransaction<T: Sendable, Failure: StorageFailure>(
        failingAs failure: Failure.Type,
        _ work: @escaping @Sendable (Database) throws -> T
    ) async throws(Failure) -> T {
        try await Self.failing(as: failure) { try await self.read(work) }
    }

    /// A `Failure` from `body` as is; any other error as `Failure.storage`.
    private static func failing<T, Failure: StorageFailure>(
        as failure: Failure.Type, _ body: () async throws -> T
    ) async throws(Failure) -> T {
        do {
            return try await body()
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure.storage("\(error)")
        }
    }
}
