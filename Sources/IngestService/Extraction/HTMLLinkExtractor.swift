import Foundation

/// The links a crawler may follow from a page: `href`s of `<a>` and `<area>`, resolved against
/// the page (or its `<base href>`), http and https only, fragments dropped (they name a place
/// in the same page), each once, in page order.
public enum HTMLLinkExtractor {
    public static func links(in html: String, base: URL) -> [URL] {
        var base = base
        var seen: Set<String> = []
        var links: [URL] = []
        for token in HTMLTokenizer.tokens(of: html) {
            guard case .startTag(let name, let attributes) = token.kind, let href = attributes["href"] else { continue }
            let reference = href.trimmingWhitespace()
            if name == "base" {
                if let resolved = URL(string: reference, relativeTo: base)?.absoluteURL { base = resolved }
                continue
            }
            guard name == "a" || name == "area", !reference.isEmpty,
                let resolved = URL(string: reference, relativeTo: base)?.absoluteURL,
                var components = URLComponents(url: resolved, resolvingAgainstBaseURL: false),
                let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
                components.host?.isEmpty == false
            else { continue }
            components.fragment = nil
            guard let link = components.url, seen.insert(link.absoluteString).inserted else { continue }
            links.append(link)
        }
        return links
    }
}
