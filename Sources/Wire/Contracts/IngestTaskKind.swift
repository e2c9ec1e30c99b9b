/// What an ingestion task reads: one uploaded file, a `.zip` of files, web pages, a git
/// repository, or a MediaWiki XML export.
public enum IngestTaskKind: String, Codable, Sendable, CaseIterable {
    case file, archive, url, git, wiki
}
