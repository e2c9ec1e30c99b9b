#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time in the unit the protocol speaks (milliseconds since the Unix epoch),
/// because deadlines cross process boundaries and so cannot use a monotonic clock.
public enum WireClock {
    public struct Instant: Sendable, Comparable {
        public var millisecondsSinceEpoch: Int64

        public init(millisecondsSinceEpoch: Int64) {
            self.millisecondsSinceEpoch = millisecondsSinceEpoch
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
        }

        public func adding(_ duration: Duration) -> Instant {
            Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + duration.wholeMilliseconds)
        }

        /// Time left until this instant; zero or negative when it has passed.
        public func remaining(from now: Instant = WireClock.now) -> Duration {
            .milliseconds(millisecondsSinceEpoch - now.millisecondsSinceEpoch)
        }
    }

    public static var now: Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
