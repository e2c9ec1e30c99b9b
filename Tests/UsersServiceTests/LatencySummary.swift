/// p50 and p99 of measured durations.
struct LatencySummary: CustomStringConvertible {
    var p50: Duration
    var p99: Duration
    var count: Int

    init(_ samples: [Duration]) {
        let sorted = samples.sorted()
        count = sorted.count
        p50 = sorted.isEmpty ? .zero : sorted[sorted.count / 2]
        p99 = sorted.isEmpty ? .zero : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    }

    var description: String {
        "\(count) calls, p50 \(Self.microseconds(p50)) µs, p99 \(Self.microseconds(p99)) µs"
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}
