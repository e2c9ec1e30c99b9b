import Foundation
import Wire

extension IngestionJobRunner {
    /// A MediaWiki XML export: every page is an item named by its title. The source URI is
    /// `wiki:<site>:<title>` (the site's host, or the export's file name when it names none),
    /// so a later export replaces the pages it changed; the deep link is the revision's URL.
    func ingestWiki(_ file: IngestSource.File, run: IngestionRun) async throws {
        try await run.stage(.fetching)
        let data = try readStaged(file)
        let pages: [WikiPage]
        switch Self.wikiPages(data) {
        case .success(let read): pages = read
        case .failure(let error): throw Failure("not a readable MediaWiki export: \(error.description)")
        }
        try await run.stage(.indexing, itemsTotal: pages.count, bytesTotal: Int64(data.count))
        for page in pages {
            let text = Data(page.wikitext.utf8)
            try await run.item(page.title, bytes: Int64(text.count)) {
                let site = page.revisionURL?.host ?? file.fileName
                let document = WikiTextExtractor.document(from: page)
                return try await indexer.put(
                    chunks: DocumentPreparation.chunks(of: document), title: document.title ?? page.title, mime: document.mime,
                    sourceURI: "wiki:\(site):\(page.title)", deepLink: page.revisionURL?.absoluteString,
                    contentHash: DocumentIndexer.contentHash(text), size: Int64(text.count), knowledgeBaseID: run.knowledgeBaseID,
                    taskID: run.taskID)
            }
        }
    }

    /// The export's pages, or why not (kept out of closures: typed throws there trips the compiler).
    private static func wikiPages(_ data: Data) -> Result<[WikiPage], ExtractionError> {
        do {
            return .success(try MediaWikiExport.pages(from: data))
        } catch {
            return .failure(error)
        }
    }
}
