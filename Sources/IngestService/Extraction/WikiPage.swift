import Foundation

/// One page of a MediaWiki XML export, at its latest revision in the export.
public struct WikiPage: Sendable, Equatable {
    public var title: String
    public var pageID: Int
    public var revisionID: Int
    /// The MediaWiki namespace number: 0 for articles, 1 for talk pages, 2 for user pages, ….
    public var namespace: Int
    /// The revision's time as the export writes it (ISO 8601, e.g. `2026-01-02T03:04:05Z`).
    public var timestamp: String?
    public var wikitext: String
    /// The link to this exact revision (`…/index.php?title=Page&oldid=123`), built from the
    /// export's `<siteinfo><base>`; `nil` when the export names no site.
    public var revisionURL: URL?

    public init(
        title: String, pageID: Int, revisionID: Int, namespace: Int = 0, timestamp: String? = nil, wikitext: String, revisionURL: URL? = nil
    ) {
        self.title = title
        self.pageID = pageID
        self.revisionID = revisionID
        self.namespace = namespace
        self.timestamp = timestamp
        self.wikitext = wikitext
        self.revisionURL = revisionURL
    }
}
