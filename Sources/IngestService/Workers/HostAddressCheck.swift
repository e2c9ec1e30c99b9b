/// Checks every address a host resolves to against the extraction library's
/// `AddressPolicy`, so a URL naming an internal host (or a public name pointing inside) is
/// refused, for web pages and git repositories alike.
struct HostAddressCheck: Sendable {
    let allowPrivate: Bool
    /// How host names are looked up: the system resolver, or a table in tests.
    var resolver: AddressPolicy.Resolver = HostAddressResolver.addresses(of:)

    /// Why fetching from `host` is refused, or nil when it is allowed: the early answer a submit
    /// gets. With private addresses allowed nothing is looked up.
    func refusal(forHost host: String) async -> String? {
        if allowPrivate { return nil }
        do {
            _ = try await checkedAddresses(ofHost: host)
            return nil
        } catch {
            return error.description
        }
    }

    /// The addresses `host` resolves to, looked up once and all checked (a host written as an
    /// address is itself); the caller connects to one of these and never resolves the name again.
    func checkedAddresses(ofHost host: String) async throws(AddressPolicy.Refusal) -> [String] {
        try await AddressPolicy(allowPrivate: allowPrivate, resolver: resolver).resolveAndCheck(host: host)
    }
}
