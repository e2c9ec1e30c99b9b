import Foundation

/// A TCP port on 127.0.0.1 that nothing listens on right now, for a server under test that
/// must be told its port before it starts (the mesh probes the gateway on `GATEWAY_PORT`).
///
/// Chosen at random outside the kernel's ephemeral range: a port the kernel handed out for
/// `bind(0)` and that was released again is the next candidate for every other test's
/// port-0 server, so between this call and the server's bind another test could take it,
/// and the test would then talk to the wrong server. Outside the range only another call of
/// this function could pick the same port.
public func freeLocalPort() throws -> Int {
    struct NoPort: Error {}
    let candidates = portsOutsideEphemeralRange()
    for _ in 0..<200 {
        let port = Int.random(in: candidates)
        if canBind(port) { return port }
    }
    throw NoPort()
}

/// The ports below the kernel's ephemeral range (or above it, when it starts low).
private func portsOutsideEphemeralRange() -> ClosedRange<Int> {
    let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
    let bounds = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    let (low, high) = bounds.count == 2 ? (bounds[0], bounds[1]) : (32768, 60999)
    if low > 12_000 { return 10_000...(low - 1) }
    if high < 63_000 { return (high + 1)...65_535 }
    return 10_000...65_535
}

private func canBind(_ port: Int) -> Bool {
    #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return bound == 0
}
