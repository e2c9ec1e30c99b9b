import Synchronization

/// Makes the correlation ids of requests that bring none: `gw-<process>-<sequence>`, a random
/// 48-bit tag drawn once per process and a counter, both in hex.
///
/// Unique without a random draw per request (a UUID costs a read of the system's random
/// source every time, on every unlabelled request); the process tag keeps ids apart across
/// restarts and gateways, and the sequence shows in logs which request came first.
final class CorrelationIDSource: Sendable {
    private let prefix: String
    private let sequence = Atomic<UInt64>(0)

    init(processTag: UInt64 = .random(in: 0..<(1 << 48))) {
        prefix = "gw-" + Self.hex(processTag, width: 12) + "-"
    }

    /// The next id.
    func next() -> String {
        let number = sequence.add(1, ordering: .relaxed).newValue
        return prefix + String(number, radix: 16)
    }

    private static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
