import Foundation

/// Which repositories a git task may clone: `https://` and `http://` repositories on public
/// addresses; with `INGEST_ALLOW_PRIVATE_URLS=true` also private hosts, `file://` URLs and
/// local paths (turned into `file://` URLs so `--depth 1` applies).
struct GitSourcePolicy: Sendable {
    let allowPrivate: Bool

    /// The URL to hand to `git clone`, or a task failure saying why the repository is refused.
    func checkedCloneURL(_ repoURL: String) async throws -> String {
        let trimmed = repoURL.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("-") else { throw IngestionJobRunner.Failure("repo_url is not a repository URL") }
        if trimmed.hasPrefix("/") {
            guard allowPrivate else { throw IngestionJobRunner.Failure("local repositories need INGEST_ALLOW_PRIVATE_URLS=true") }
            return URL(fileURLWithPath: trimmed).absoluteString
        }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            throw IngestionJobRunner.Failure("repo_url is not a URL")
        }
        switch scheme {
        case "file":
            guard allowPrivate else { throw IngestionJobRunner.Failure("file:// repositories need INGEST_ALLOW_PRIVATE_URLS=true") }
            return trimmed
        case "https", "http":
            guard let host = url.host, !host.isEmpty else { throw IngestionJobRunner.Failure("repo_url has no host") }
            if let refusal = await HostAddressCheck(allowPrivate: allowPrivate).refusal(forHost: host) {
                throw IngestionJobRunner.Failure("repository refused: \(refusal)")
            }
            return trimmed
        default:
            throw IngestionJobRunner.Failure("only https:// and http:// repositories are cloned (not \(scheme)://)")
        }
    }
}
