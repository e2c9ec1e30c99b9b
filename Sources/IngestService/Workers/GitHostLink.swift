import Foundation

/// Links a person can click for a file of a repository at one commit: GitHub
/// (`/blob/<commit>/<path>`), GitLab (`/-/blob/<commit>/<path>`) and Gitea or Forgejo
/// (`/src/commit/<commit>/<path>`), told apart by host name (Gitea style for unknown hosts).
/// Repositories on disk or over ssh get no link.
struct GitHostLink: Sendable {
    /// `https://host/owner/repo`, without `.git`.
    let webBase: String
    let style: Style

    enum Style: Sendable { case github, gitlab, gitea }

    init?(repoURL: String) {
        guard let url = URL(string: repoURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host?.lowercased()
        else { return nil }
        var path = url.path
        if path.hasSuffix(".git") { path.removeLast(4) }
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.isEmpty else { return nil }
        let port = url.port.map { ":\($0)" } ?? ""
        webBase = "\(scheme)://\(host)\(port)\(path)"
        style = host.contains("github") ? .github : host.contains("gitlab") ? .gitlab : .gitea
    }

    /// The file at `path` as of `commit`, optionally at lines `lines` (`#L3-L9`).
    func link(commit: String, path: String, lines: ClosedRange<Int>? = nil) -> String {
        let escaped = path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
            .joined(separator: "/")
        let base =
            switch style {
            case .github: "\(webBase)/blob/\(commit)/\(escaped)"
            case .gitlab: "\(webBase)/-/blob/\(commit)/\(escaped)"
            case .gitea: "\(webBase)/src/commit/\(commit)/\(escaped)"
            }
        guard let lines else { return base }
        return lines.lowerBound == lines.upperBound ? "\(base)#L\(lines.lowerBound)" : "\(base)#L\(lines.lowerBound)-L\(lines.upperBound)"
    }
}
