import Prometheus
import Synchronization

/// The gateway's Prometheus metrics: requests by route and status, request latency,
/// rate-limited requests, and Wire call latency by method. Served at `/metrics`.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let rateLimitedCounter: Counter
    /// The series already made, so that a request looks its pair up once instead of having
    /// the registry build each metric's name and search its labels twice.
    private let requestSeries = Mutex<[RequestSeriesKey: RequestSeries]>([:])
    private let wireCallSeries = Mutex<[WireCallSeriesKey: DurationHistogram]>([:])

    private struct RequestSeriesKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct RequestSeries {
        var count: Counter
        var duration: DurationHistogram
    }

    private struct WireCallSeriesKey: Hashable {
        var method: String
        var outcome: String
    }
    private static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    // Names are `metricName_unitName`, e.g. gateway_requests_total.
    private static var requests: MetricNameDescriptor {
        .init(metricName: "gateway_requests", unitName: "total", helpText: "HTTP requests by route, method and status")
    }
    private static var requestDuration: MetricNameDescriptor {
        .init(metricName: "gateway_request_duration", unitName: "seconds", helpText: "HTTP request latency")
    }
    private static var wireCallDuration: MetricNameDescriptor {
        .init(metricName: "gateway_wire_call_duration", unitName: "seconds", helpText: "Latency of Wire calls from the gateway to the services")
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        rateLimitedCounter = registry.makeCounter(descriptor: .init(metricName: "gateway_rate_limited", unitName: "total", helpText: "Requests refused by the rate limiter"))
    }

    func requestFinished(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestSeriesKey(route: route, method: method, status: status)
        let series = requestSeries.withLock { known in
            if let series = known[key] { return series }
            let series = RequestSeries(
                count: registry.makeCounter(
                    descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))]),
                duration: registry.makeDurationHistogram(
                    descriptor: Self.requestDuration, labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets)
            )
            known[key] = series
            return series
        }
        series.count.increment()
        series.duration.record(duration)
    }

    func rateLimited() {
        rateLimitedCounter.increment()
    }

    func wireCallFinished(method: String, outcome: String, duration: Duration) {
        let key = WireCallSeriesKey(method: method, outcome: outcome)
        let histogram = wireCallSeries.withLock { known in
            if let histogram = known[key] { return histogram }
            let histogram = registry.makeDurationHistogram(
                descriptor: Self.wireCallDuration, labels: [("method", method), ("outcome", outcome)], buckets: Self.latencyBuckets)
            known[key] = histogram
            return histogram
        }
        histogram.record(duration)
    }

    /// The metrics in Prometheus' text format.
    public func render() -> String {
        registry.emitToString()
    }
}
