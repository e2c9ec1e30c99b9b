/// Checks every address a host resolves to against the extraction library's
/// `AddressPolicy`, so a URL naming an internal host (or a public name pointing inside) is
/// refused, for web pages and git repositories alike.
struct HostAddressCheck: Sendable {
    let allowPrivate: Bool

    /// Why fetching from `host` is refused, or nil when it is allowed.
    func refusal(forHost host: String) async -> String? {
        if allowPrivate { return nil }
        do {
            _ = try await AddressPolicy(allowPrivate: false).resolveAndCheck(host: host)
            return nil
        } catch {
            return error.description
        }
    }
}
