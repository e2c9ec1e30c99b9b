/// Round-trip latencies of one benchmark run, in nanoseconds, and their summary.
struct LatencyRecorder: Sendable {
    private(set) var samples: [Int64] = []

    mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        samples.append(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    mutating func merge(_ other: LatencyRecorder) {
        samples.append(contentsOf: other.samples)
    }

    /// The latency below which `fraction` of the samples fall, in microseconds.
    func percentile(_ fraction: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1000
    }
}
