/// A repository `git clone` may fetch, as the source policy let it through: its URL and, for
/// an http(s) URL naming a host, the checked address git connects to instead of looking the
/// name up again (which a hostile DNS server could answer with an internal address).
struct GitRemote: Sendable, Equatable {
    /// The URL handed to `git clone`.
    var url: String
    /// Where git connects for an http(s) host name; nil for `file://` and for hosts written
    /// as an IP address, which git connects to without a lookup.
    var pinned: PinnedAddress?

    /// A host name and port and the address, already checked, that they are connected to.
    struct PinnedAddress: Sendable, Equatable {
        var host: String
        var port: Int
        var address: String
    }

    /// The `-c` options that pin git's connection, ahead of the subcommand: entries of
    /// libcurl's resolve list (`CURLOPT_RESOLVE`, `HOST:PORT:ADDRESS`, an IPv6 address in
    /// brackets), which answer curl's lookup with the checked address. The second entry, `*`
    /// for any host on that port, sends a name that curl spells differently from Foundation's
    /// URL parser (a trailing dot, say) to the same address instead of to a fresh lookup.
    var pinningArguments: [String] {
        guard let pinned else { return [] }
        let address = pinned.address.contains(":") ? "[\(pinned.address)]" : pinned.address
        return [
            "-c", "http.curloptResolve=\(pinned.host):\(pinned.port):\(address)",
            "-c", "http.curloptResolve=*:\(pinned.port):\(address)",
        ]
    }
}
