import Foundation
import Wire

extension IngestionJobRunner {
    /// A web page and, with `crawl`, the pages it links to, breadth first, up to `max_pages`
    /// (and `INGEST_CRAWL_MAX_PAGES`), on the same host unless `same_host` is false. Each
    /// page is an item named by its URL, which is also its source URI and deep link. The
    /// first page failing fails the task; later pages fail alone.
    func ingestWeb(_ web: IngestSource.Web, run: IngestionRun) async throws {
        guard let start = URL(string: web.url), start.host != nil else { throw Failure("url is not an absolute URL") }
        let maxPages = max(1, min(web.crawl?.maxPages ?? 1, configuration.crawlMaxPages))
        let sameHost = web.crawl?.sameHost ?? true
        var queue: [URL] = [start]
        var seen: Set<String> = [Self.pageKey(start)]
        var visited = 0
        try await run.stage(.fetching, itemsTotal: 1)
        while !queue.isEmpty, visited < maxPages {
            let url = queue.removeFirst()
            visited += 1
            var links: [URL] = []
            var firstFailure: String?
            let key = Self.pageKey(url)
            if run.finished.contains(key) {
                // Finished by an earlier attempt: fetched again only for its links.
                if maxPages > 1, let page = try? await fetcher.fetch(url) { links = Self.links(in: page) }
            } else {
                try await run.item(key) {
                    let page: WebPageFetcher.Page
                    do {
                        page = try await fetcher.fetch(url)
                    } catch let refusal as WebPageFetcher.Refusal {
                        firstFailure = refusal.description
                        return .failed(refusal.description)
                    }
                    if maxPages > 1 { links = Self.links(in: page) }
                    let name =
                        page.url.lastPathComponent.isEmpty || page.url.lastPathComponent == "/" ? "index.html" : page.url.lastPathComponent
                    let fileName = DocumentFormat.detect(fileName: name, mime: nil) == nil ? "\(name).html" : name
                    let result = try await indexer.index(
                        page.data, fileName: fileName, mime: page.mime, sourceURI: key, deepLink: page.url.absoluteString,
                        knowledgeBaseID: run.knowledgeBaseID, taskID: run.taskID)
                    if result.outcome == .failed { firstFailure = result.reason }
                    return result
                }
                if visited == 1, let firstFailure {
                    throw Failure("\(web.url): \(firstFailure)")
                }
            }
            for link in links where queue.count + visited < maxPages {
                guard !sameHost || link.host?.lowercased() == start.host?.lowercased() else { continue }
                guard ["http", "https"].contains(link.scheme?.lowercased() ?? "") else { continue }
                if seen.insert(Self.pageKey(link)).inserted {
                    queue.append(link)
                }
            }
            try await run.stage(.fetching, itemsTotal: min(maxPages, visited + queue.count))
        }
    }

    /// A page's identity: its URL without the fragment.
    static func pageKey(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url.absoluteString }
        components.fragment = nil
        return components.url?.absoluteString ?? url.absoluteString
    }

    /// The links of an HTML page, absolute; none for other types.
    static func links(in page: WebPageFetcher.Page) -> [URL] {
        guard let mime = page.mime?.lowercased(), mime.contains("html") else { return [] }
        let html = String(decoding: page.data, as: UTF8.self)
        return HTMLLinkExtractor.links(in: html, base: page.url)
    }
}
