import Foundation
import FoundationXML

/// Reads a MediaWiki XML export (Special:Export, `dumpBackup.php`): its pages with their
/// latest revision's wikitext and a link to that revision. Redirect pages are left out: they
/// have no content of their own.
public enum MediaWikiExport {
    public static func pages(from data: Data) throws(ExtractionError) -> [WikiPage] {
        let reader = MediaWikiExportParser()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.depth == 0 else {
            throw .malformed("not a well-formed MediaWiki XML export")
        }
        guard reader.sawRoot else { throw .malformed("not a MediaWiki XML export (no <mediawiki> root element)") }
        let script = reader.base.flatMap(scriptURL(forBase:))
        return reader.pages.map { page in
            var page = page
            page.revisionURL = script.flatMap { revisionURL(script: $0, title: page.title, revisionID: page.revisionID) }
            return page
        }
    }

    /// Where the wiki's `index.php` is, from the `<base>` page URL: `/wiki/Main_Page` (the usual
    /// short URLs) means `/w/index.php`; a base already under `index.php` keeps it; otherwise
    /// `index.php` sits beside the base page.
    static func scriptURL(forBase base: String) -> URL? {
        guard var components = URLComponents(string: base.trimmingWhitespace()), components.host != nil else { return nil }
        let path = components.path
        if let range = path.range(of: "/index.php") {
            components.path = String(path[..<range.upperBound])
        } else if path.hasPrefix("/wiki/") {
            components.path = "/w/index.php"
        } else {
            let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            components.path = folder + "/index.php"
        }
        components.query = nil
        components.fragment = nil
        return components.url
    }

    static func revisionURL(script: URL, title: String, revisionID: Int) -> URL? {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?")
        guard let encodedTitle = title.replacingOccurrences(of: " ", with: "_").addingPercentEncoding(withAllowedCharacters: allowed)
        else { return nil }
        return URL(string: script.absoluteString + "?title=\(encodedTitle)&oldid=\(revisionID)")
    }
}

/// The XMLParser delegate behind ``MediaWikiExport``.
final class MediaWikiExportParser: NSObject, XMLParserDelegate {
    private(set) var pages: [WikiPage] = []
    private(set) var base: String?
    private(set) var sawRoot = false
    private(set) var depth = 0

    private var path: [String] = []
    private var characters = ""
    private var page: (title: String, id: Int, namespace: Int, isRedirect: Bool)?
    private var revision: (id: Int, timestamp: String?, text: String)?
    private var latest: (id: Int, timestamp: String?, text: String)?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
        if path.isEmpty, name == "mediawiki" { sawRoot = true }
        path.append(name)
        characters = ""
        switch name {
        case "page":
            page = ("", 0, 0, false)
            latest = nil
        case "redirect" where path.dropLast().last == "page":
            page?.isRedirect = true
        case "revision":
            revision = (0, nil, "")
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        let name = path.popLast() ?? ""
        let parent = path.last
        switch (parent, name) {
        case ("siteinfo", "base"):
            base = characters
        case ("page", "title"):
            page?.title = characters.trimmingWhitespace()
        case ("page", "id"):
            page?.id = Int(characters.trimmingWhitespace()) ?? 0
        case ("page", "ns"):
            page?.namespace = Int(characters.trimmingWhitespace()) ?? 0
        case ("revision", "id"):
            revision?.id = Int(characters.trimmingWhitespace()) ?? 0
        case ("revision", "timestamp"):
            revision?.timestamp = characters.trimmingWhitespace()
        case ("revision", "text"):
            revision?.text = characters
        case (_, "revision"):
            // Exports list revisions oldest first; keep the newest.
            if let revision, revision.id >= (latest?.id ?? Int.min) { latest = revision }
            revision = nil
        case (_, "page"):
            if let page, let latest, !page.isRedirect, !page.title.isEmpty {
                pages.append(
                    WikiPage(
                        title: page.title, pageID: page.id, revisionID: latest.id, namespace: page.namespace, timestamp: latest.timestamp,
                        wikitext: latest.text))
            }
            page = nil
        default:
            break
        }
        characters = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters += string
    }
}
