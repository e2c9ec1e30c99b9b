import Foundation
import NIOCore

/// A request's URL taken apart: where to connect, and what goes in the request head.
struct RequestURL: Sendable, Equatable {
    /// `https`: the connection is wrapped in TLS.
    var usesTLS: Bool
    /// The host as the URL writes it, an IPv6 address without its brackets.
    var host: String
    var port: Int
    /// The path (`/` at least) and the query, still percent-encoded.
    var pathAndQuery: String

    init(parsing text: String) throws(HTTPClient.Error) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", var host = components.host, !host.isEmpty
        else { throw .badURL(text) }
        // URLComponents keeps an IPv6 address's brackets; connecting and SNI want it bare.
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        usesTLS = scheme == "https"
        self.host = host
        port = components.port ?? (usesTLS ? 443 : 80)
        guard (1...65535).contains(port) else { throw .badURL(text) }
        let path = components.percentEncodedPath
        pathAndQuery = path.isEmpty ? "/" : path
        if let query = components.percentEncodedQuery { pathAndQuery += "?" + query }
    }

    /// The host is an IP address, not a name: nothing to look up, and no SNI.
    var hostIsAddress: Bool { (try? SocketAddress(ipAddress: host, port: port)) != nil }

    /// The `Host` header: the host (an IPv6 address in brackets), with the port unless it is
    /// the scheme's own.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (usesTLS ? 443 : 80) ? name : "\(name):\(port)"
    }
}
