import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

extension HTTPClient {
    /// The channel of one request: NIO's HTTP/1.1 codec, behind TLS for https.
    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// Connects to `url`'s server, giving up at the connect timeout or at `deadline`,
    /// whichever comes first.
    func connect(to url: RequestURL, deadline: NIODeadline, tlsFailure: TLSFailure) async throws(Error) -> Connection {
        let configured = TimeAmount(configuration.connectTimeout)
        let remaining = deadline - .now()
        guard remaining > .zero else { throw .deadlineExceeded }
        // NIO's connect does not stop for a cancelled task: at least do not start one.
        guard !Task.isCancelled else { throw .cancelled }
        let address = try address(of: url)
        let tls = url.usesTLS ? try Self.tlsContext.mapError { Error.transport("TLS setup: \($0)") }.get() : nil
        // SNI and the certificate check name the host; for an IP address NIOSSL checks the
        // certificate against the address connected to instead.
        let serverHostname = url.hostIsAddress ? nil : url.host
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(min(configured, remaining))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        let initialize: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                if let tls {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    try channel.pipeline.syncOperations.addHandler(UncleanShutdownFilter(failure: tlsFailure))
                }
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        do {
            if let address {
                return try await bootstrap.connect(to: address, channelInitializer: initialize)
            }
            return try await bootstrap.connect(host: url.host, port: url.port, channelInitializer: initialize)
        } catch ChannelError.connectTimeout {
            throw configured < remaining ? .connectTimeout : .deadlineExceeded
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw .connectFailed("\(url.hostHeader): \(error)")
        }
    }

    /// The address to connect to without a lookup: the override for the host, or the host
    /// itself when it is an IP address; nil for a host name to look up.
    func address(of url: RequestURL) throws(Error) -> SocketAddress? {
        let key = url.host.lowercased()
        let override = configuration.addressOverrides.first { name, _ in
            var name = name.lowercased()
            if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
            return name == key
        }?.value
        guard let ip = override ?? (url.hostIsAddress ? url.host : nil) else { return nil }
        do {
            return try SocketAddress(ipAddress: ip, port: url.port)
        } catch {
            throw .connectFailed("the address given for \(url.host) is not an IP address: \(ip)")
        }
    }

    /// One TLS context for the process (system trust roots, certificates verified), made on
    /// the first https request: loading the trust roots costs, and the settings never change.
    private static let tlsContext = Result<NIOSSLContext, any Swift.Error> {
        try NIOSSLContext(configuration: .makeClientConfiguration())
    }
}
