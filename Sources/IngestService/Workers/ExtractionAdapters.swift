import Foundation

/// The calls into the extraction library's network helpers, in one place.
enum ExtractionAdapters {
    /// Whether `address` (numeric IPv4 or IPv6) is a public address.
    static func isPublic(_ address: String) -> Bool {
        // TEMPORARY until AddressPolicy lands.
        !(address.hasPrefix("127.") || address == "::1" || address.hasPrefix("10.") || address.hasPrefix("192.168.") || address.hasPrefix("169.254."))
    }

    /// The absolute links of an HTML page.
    static func links(in html: String, base: URL) -> [URL] {
        // TEMPORARY until HTMLLinkExtractor lands.
        []
    }
}
