/// Percentiles and rate of a series of single-thread timings.
struct LatencySummary {
    var count: Int
    var p50: Duration
    var p99: Duration
    /// Calls per second of busy time: `count` over the sum of the timings.
    var perSecond: Double

    init(_ timings: [Duration]) {
        let sorted = timings.sorted()
        count = sorted.count
        p50 = Self.percentile(0.50, of: sorted)
        p99 = Self.percentile(0.99, of: sorted)
        let total = sorted.reduce(Duration.zero, +)
        perSecond = total > .zero ? Double(count) / total.seconds : 0
    }

    /// The nearest-rank percentile.
    static func percentile(_ fraction: Double, of sorted: [Duration]) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}
