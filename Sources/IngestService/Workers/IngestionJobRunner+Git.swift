import Foundation
import Wire

extension IngestionJobRunner {
    /// A git repository: a shallow clone, then every file of a readable format (matching
    /// `paths`, when given) is one item. Source URIs are `git:<repo>:<path>`, without the
    /// commit, so re-ingesting the repository re-indexes only files whose content changed;
    /// documents of files that are gone are deleted once every file is done.
    func ingestGit(_ git: IngestSource.Git, run: IngestionRun) async throws {
        try await run.stage(.fetching)
        // Checked again, since the name may resolve elsewhere by now; git connects to the
        // address checked here.
        let remote = try await GitSourcePolicy(allowPrivate: configuration.allowPrivateURLs).checkedRemote(git.repoURL)
        let directory = workDirectory(of: run.taskID)
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: configuration.workDirectory, withIntermediateDirectories: true)
        let checkout: GitCheckout
        do {
            checkout = try await GitCheckout.clone(
                remote, ref: git.ref, into: directory, timeout: configuration.gitTimeout, maxBytes: configuration.gitMaxBytes,
                allowLocal: configuration.allowPrivateURLs)
        } catch let failure as GitCheckout.Failure {
            throw Failure(failure.description)
        }
        let globs = (git.paths ?? []).map(PathGlob.init)
        let files = checkout.files().filter { path in
            (globs.isEmpty || globs.contains { $0.matches(path) }) && DocumentFormat.detect(fileName: path, mime: nil) != nil
        }
        let prefix = Self.gitSourcePrefix(git.repoURL)
        let link = GitHostLink(repoURL: git.repoURL)
        try await run.stage(.indexing, itemsTotal: files.count)
        for path in files {
            let full = (directory as NSString).appendingPathComponent(path)
            let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? NSNumber)?.int64Value ?? 0
            try await run.item(path, bytes: size) {
                guard size <= configuration.itemMaxBytes else {
                    return .skipped("larger than \(configuration.itemMaxBytes) bytes (INGEST_ITEM_MAX_BYTES)")
                }
                guard let data = FileManager.default.contents(atPath: full) else { return .failed("cannot read the file") }
                return try await indexer.index(
                    data, fileName: path, mime: nil, sourceURI: prefix + path, deepLink: link?.link(commit: checkout.commit, path: path),
                    knowledgeBaseID: run.knowledgeBaseID, taskID: run.taskID)
            }
        }
        // Files that were in the knowledge base from this repository but are not any more.
        let current = Set(files.map { prefix + $0 })
        let known = try await indexer.sourceURIs(in: run.knowledgeBaseID, prefix: prefix, taskID: run.taskID)
        for uri in known where !current.contains(uri) {
            let path = String(uri.dropFirst(prefix.count))
            guard globs.isEmpty || globs.contains(where: { $0.matches(path) }) else { continue }
            try await indexer.delete(sourceURI: uri, knowledgeBaseID: run.knowledgeBaseID, taskID: run.taskID)
        }
    }

    /// `git:<repo>:`: the repository URL without a trailing `.git` or `/`, so both spellings
    /// name the same documents.
    static func gitSourcePrefix(_ repoURL: String) -> String {
        var repo = repoURL.trimmingCharacters(in: .whitespaces)
        while repo.hasSuffix("/") { repo.removeLast() }
        if repo.hasSuffix(".git") { repo.removeLast(4) }
        return "git:\(repo):"
    }
}
