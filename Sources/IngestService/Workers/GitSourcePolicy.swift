import Foundation

/// Which repositories a git task may clone: `https://` and `http://` repositories on public
/// addresses; with `INGEST_ALLOW_PRIVATE_URLS=true` also private hosts, `file://` URLs and
/// local paths (turned into `file://` URLs so `--depth 1` applies).
///
/// Every other transport (`ssh://`, `git://`, scp-style `host:path`, `ext::`) is refused here,
/// and `GitCheckout` allows git no other protocol, so each network clone goes over http(s),
/// where the checked address can be pinned; ssh and `git://` would resolve the name themselves.
struct GitSourcePolicy: Sendable {
    let allowPrivate: Bool
    /// How host names are looked up: the system resolver, or a table in tests.
    var resolver: AddressPolicy.Resolver = HostAddressResolver.addresses(of:)

    /// The repository to clone, or a task failure saying why it is refused. An http(s) host
    /// name is looked up once, every address checked, and all of them pinned for git.
    func checkedRemote(_ repoURL: String) async throws -> GitRemote {
        let trimmed = repoURL.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("-") else { throw IngestionJobRunner.Failure("repo_url is not a repository URL") }
        if trimmed.hasPrefix("/") {
            guard allowPrivate else { throw IngestionJobRunner.Failure("local repositories need INGEST_ALLOW_PRIVATE_URLS=true") }
            return GitRemote(url: URL(fileURLWithPath: trimmed).absoluteString)
        }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            throw IngestionJobRunner.Failure("repo_url is not a URL")
        }
        switch scheme {
        case "file":
            guard allowPrivate else { throw IngestionJobRunner.Failure("file:// repositories need INGEST_ALLOW_PRIVATE_URLS=true") }
            return GitRemote(url: trimmed)
        case "https", "http":
            guard let host = url.host, !host.isEmpty else { throw IngestionJobRunner.Failure("repo_url has no host") }
            let addresses: [String]
            do {
                addresses = try await HostAddressCheck(allowPrivate: allowPrivate, resolver: resolver).checkedAddresses(ofHost: host)
            } catch {
                throw IngestionJobRunner.Failure("repository refused: \(error.description)")
            }
            if AddressPolicy.isAddressLiteral(host) { return GitRemote(url: trimmed) }
            let port = url.port ?? (scheme == "https" ? 443 : 80)
            return GitRemote(url: trimmed, pinned: .init(host: host, port: port, addresses: addresses))
        default:
            throw IngestionJobRunner.Failure("only https:// and http:// repositories are cloned (not \(scheme)://)")
        }
    }
}
