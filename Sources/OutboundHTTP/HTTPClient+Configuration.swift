extension HTTPClient {
    /// How a client connects.
    public struct Configuration: Sendable {
        /// How long connecting (looking the host up, TCP) may take; never longer than the
        /// request's own timeout.
        public var connectTimeout: Duration
        /// Host → IP address to connect to instead of looking the host up. The request still
        /// names the host: in the `Host` header, and for https in SNI and the certificate check.
        /// Keys match the URL's host without brackets and regardless of case.
        public var addressOverrides: [String: String]

        public init(connectTimeout: Duration = .seconds(10), addressOverrides: [String: String] = [:]) {
            self.connectTimeout = connectTimeout
            self.addressOverrides = addressOverrides
        }
    }
}
