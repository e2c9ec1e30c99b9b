import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which addresses the URL fetcher may connect to. Ingesting a URL must not become a way to
/// reach the machine's own services or its network (SSRF): loopback, private, link-local
/// (including the cloud metadata address 169.254.169.254), carrier-grade NAT, multicast and
/// reserved ranges are refused, also when written as IPv4-mapped IPv6, unless
/// `INGEST_ALLOW_PRIVATE_URLS=true` (tests reach their own loopback server that way).
/// The fetcher checks the URL first, then every address its host resolves to, and connects to
/// one of those addresses: the name is looked up once, so a DNS answer that changes between
/// the check and the connection (DNS rebinding) cannot send it elsewhere.
public struct AddressPolicy: Sendable {
    /// Looks a host name up: its addresses as text (IPv4 dotted quad or IPv6, no brackets),
    /// empty when it does not resolve. The system resolver unless a test injects a table.
    public typealias Resolver = @Sendable (_ host: String) async -> [String]

    /// Why a URL or address was refused; the description is shown as the item's reason.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case unsupportedScheme(String)
        case missingHost
        case privateAddress(host: String, address: String)
        case unresolvable(host: String)

        public var description: String {
            switch self {
            case .unsupportedScheme(let scheme):
                "only http and https URLs can be ingested, not \(scheme.isEmpty ? "this URL" : scheme + ":")"
            case .missingHost: "the URL has no host"
            case .privateAddress(let host, let address):
                "\(host) is a loopback, private or link-local address (\(address)); set INGEST_ALLOW_PRIVATE_URLS=true to allow it"
            case .unresolvable(let host): "\(host) does not resolve to any address"
            }
        }
    }

    public var allowPrivate: Bool
    /// How `resolveAndCheck(host:)` looks names up.
    public var resolver: Resolver

    public init(allowPrivate: Bool, resolver: @escaping Resolver = HostAddressResolver.addresses(of:)) {
        self.allowPrivate = allowPrivate
        self.resolver = resolver
    }

    /// The scheme is http or https, there is a host, and a host written as an IP address is public.
    public func check(url: URL) throws(Refusal) {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(scheme) }
        guard let host = url.host, !host.isEmpty else { throw .missingHost }
        let literal = Self.unbracketed(host)
        if !allowPrivate, Self.parse(literal) != nil, !Self.isPublic(literal) {
            throw .privateAddress(host: host, address: literal)
        }
    }

    /// Every address `host` resolved to is public (or private ones are allowed).
    public func check(resolvedAddresses: [String], host: String) throws(Refusal) {
        guard !resolvedAddresses.isEmpty else { throw .unresolvable(host: host) }
        guard !allowPrivate else { return }
        if let refused = resolvedAddresses.first(where: { !Self.isPublic($0) }) {
            throw .privateAddress(host: host, address: refused)
        }
    }

    /// Resolves `host` once with `resolver` and checks all its addresses; returns them so the
    /// caller can connect to one that was checked instead of resolving the name again. A host
    /// written as an IP address is checked as it is, without a lookup.
    public func resolveAndCheck(host: String) async throws(Refusal) -> [String] {
        let addresses = Self.isAddressLiteral(host) ? [Self.unbracketed(host)] : await resolver(Self.unbracketed(host))
        try check(resolvedAddresses: addresses, host: host)
        return addresses
    }

    /// Whether `host` (brackets allowed, no zone) is an IPv4 or IPv6 address written out, which
    /// HTTP clients and curl connect to without a name lookup, so there is nothing to pin.
    public static func isAddressLiteral(_ host: String) -> Bool {
        var text = host
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return parse(text) != nil
    }

    /// Whether `ipAddressText` (IPv4 dotted quad or IPv6, brackets and zone allowed) is a
    /// public unicast address. Text that is not an address is not public.
    public static func isPublic(_ ipAddressText: String) -> Bool {
        switch parse(unbracketed(ipAddressText)) {
        case .v4(let bytes): isPublicIPv4(bytes)
        case .v6(let bytes): isPublicIPv6(bytes)
        case nil: false
        }
    }

    enum ParsedAddress {
        case v4([UInt8])
        case v6([UInt8])
    }

    static func unbracketed(_ host: String) -> String {
        var text = host
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        return text
    }

    static func parse(_ text: String) -> ParsedAddress? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return .v4(withUnsafeBytes(of: &v4) { Array($0) })
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return .v6(withUnsafeBytes(of: &v6) { Array($0) })
        }
        return nil
    }

    static func isPublicIPv4(_ bytes: [UInt8]) -> Bool {
        let (a, b, c) = (bytes[0], bytes[1], bytes[2])
        switch a {
        case 0, 10, 127: return false  // "this network", private, loopback
        case 100 where (64...127).contains(b): return false  // carrier-grade NAT 100.64/10
        case 169 where b == 254: return false  // link-local, cloud metadata
        case 172 where (16...31).contains(b): return false  // private 172.16/12
        case 192 where b == 168: return false  // private
        case 192 where b == 0 && (c == 0 || c == 2): return false  // IETF protocol assignments, TEST-NET-1
        case 198 where b == 18 || b == 19: return false  // benchmarking 198.18/15
        case 198 where b == 51 && c == 100, 203 where b == 0 && c == 113: return false  // TEST-NET-2, TEST-NET-3
        case 224...255: return false  // multicast, reserved, broadcast
        default: return true
        }
    }

    static func isPublicIPv6(_ bytes: [UInt8]) -> Bool {
        let embedded = Array(bytes[12..<16])
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return false }  // :: and ::1
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return isPublicIPv4(embedded) }  // ::ffff:a.b.c.d
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return isPublicIPv4(embedded) }  // ::a.b.c.d (deprecated)
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return isPublicIPv4(embedded) }  // NAT64
        if bytes[0] == 0x20, bytes[1] == 0x02 { return isPublicIPv4(Array(bytes[2..<6])) }  // 6to4
        if bytes[0] & 0xFE == 0xFC { return false }  // unique local fc00::/7
        // Link-local fe80::/10 and the old site-local fec0::/10.
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 || bytes[1] & 0xC0 == 0xC0 { return false }
        if bytes[0] == 0xFF { return false }  // multicast
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0D, bytes[3] == 0xB8 { return false }  // documentation 2001:db8::/32
        return true
    }
}
