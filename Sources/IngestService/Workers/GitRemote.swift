/// A repository `git clone` may fetch, as the source policy let it through: its URL and, for
/// an http(s) URL naming a host, the checked addresses git connects to instead of looking the
/// name up again (which a hostile DNS server could answer with an internal address).
struct GitRemote: Sendable, Equatable {
    /// The URL handed to `git clone`.
    var url: String
    /// Where git connects for an http(s) host name; nil for `file://` and for hosts written
    /// as an IP address, which git connects to without a lookup.
    var pinned: PinnedAddresses?

    /// A host name and port and the addresses, all checked, that they are connected to, in
    /// the resolver's order (curl tries the next when one does not answer).
    struct PinnedAddresses: Sendable, Equatable {
        var host: String
        var port: Int
        var addresses: [String]
    }

    /// The `-c` options that pin git's connection, ahead of the subcommand: entries of
    /// libcurl's resolve list (`CURLOPT_RESOLVE`, `HOST:PORT:ADDRESS[,ADDRESS…]`, an IPv6
    /// address in brackets), which answer curl's lookup with the checked addresses. The second
    /// entry, `*` for any host on that port, sends a name that curl spells differently from
    /// Foundation's URL parser (a trailing dot, say) to the same addresses instead of to a
    /// fresh lookup.
    var pinningArguments: [String] {
        guard let pinned else { return [] }
        let addresses = pinned.addresses.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
        return [
            "-c", "http.curloptResolve=\(pinned.host):\(pinned.port):\(addresses)",
            "-c", "http.curloptResolve=*:\(pinned.port):\(addresses)",
        ]
    }
}
