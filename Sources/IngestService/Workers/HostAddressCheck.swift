import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a host name and checks every address it resolves to against the address
/// policy, so a URL naming an internal host (or a public name pointing inside) is refused.
struct HostAddressCheck: Sendable {
    let allowPrivate: Bool

    /// Why fetching from `host` is refused, or nil when it is allowed.
    func refusal(forHost host: String) async -> String? {
        if allowPrivate { return nil }
        let addresses = await Self.resolve(host)
        guard !addresses.isEmpty else { return "cannot resolve \(host)" }
        if let inside = addresses.first(where: { !ExtractionAdapters.isPublic($0) }) {
            return "\(host) resolves to \(inside), a loopback, private, link-local or metadata address (INGEST_ALLOW_PRIVATE_URLS is off)"
        }
        return nil
    }

    /// The numeric addresses of `host` (IPv4 and IPv6), resolved off the caller's thread.
    static func resolve(_ host: String) async -> [String] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: resolveNow(name))
            }
        }
    }

    private static func resolveNow(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if let address = entry.pointee.ai_addr,
                getnameinfo(address, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0
            {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}
