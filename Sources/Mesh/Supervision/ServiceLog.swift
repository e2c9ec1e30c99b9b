import Synchronization

/// The last lines one service wrote, in a bounded ring; each line has a sequence number so a
/// follower can ask for only what is new.
final class ServiceLog: Sendable {
    private struct Storage {
        var lines: [String?]
        var nextSequence: Int64 = 1
    }

    let capacity: Int
    private let storage: Mutex<Storage>

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = Mutex(Storage(lines: Array(repeating: nil, count: max(1, capacity))))
    }

    func append(_ line: String) {
        storage.withLock { storage in
            storage.lines[Int((storage.nextSequence - 1) % Int64(capacity))] = line
            storage.nextSequence += 1
        }
    }

    /// At most `limit` of the newest lines with a sequence number above `after`, oldest
    /// first, and the sequence number of the newest line held (0 when there is none).
    func lines(last limit: Int, after: Int64 = 0) -> (lines: [String], lastSequence: Int64) {
        storage.withLock { storage in
            let last = storage.nextSequence - 1
            let oldestHeld = max(1, last - Int64(capacity) + 1)
            let first = max(oldestHeld, after + 1, last - Int64(max(0, limit)) + 1)
            guard first <= last else { return ([], last) }
            let lines = (first...last).compactMap { storage.lines[Int(($0 - 1) % Int64(capacity))] }
            return (lines, last)
        }
    }
}
