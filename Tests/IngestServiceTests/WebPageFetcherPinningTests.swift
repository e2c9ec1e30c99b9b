import Foundation
import TestSupport
import Testing

@testable import IngestService

/// The URL fetcher connects to the address its check resolved and never looks a name up
/// again (DNS rebinding). The host names end in `.invalid`, which DNS never answers, so a
/// fetch can only reach the loopback test site through the address the check pinned.
@Suite struct WebPageFetcherPinningTests {
    static let page = StaticHTTPServer.Page(body: "<html><head><title>Pinned</title></head><body><p>reached</p></body></html>")

    /// Runs `body` with a fetcher using `table`.
    func withFetcher<Value>(
        allowPrivate: Bool, table: ResolverTable, _ body: (WebPageFetcher) async throws -> Value
    ) async throws -> Value {
        try await body(WebPageFetcher(timeout: .seconds(10), maxBytes: 1 << 20, allowPrivate: allowPrivate, resolver: table.resolver))
    }

    func withSite<Value>(
        _ pages: [String: StaticHTTPServer.Page], _ body: (StaticHTTPServer) async throws -> Value
    ) async throws -> Value {
        try await StaticHTTPServer.serving(pages, body)
    }

    @Test("a host name is fetched from the address its check resolved, each hop looked up once")
    func pinnedHops() async throws {
        let table = ResolverTable(["pinned.invalid": ["127.0.0.1"], "second.invalid": ["127.0.0.1"]])
        let (page, target) = try await withSite(["/page.html": Self.page]) { target in
            try await withSite(["/start.html": .redirect(to: "http://second.invalid:\(target.port)/page.html")]) { start in
                let url = try #require(URL(string: "http://pinned.invalid:\(start.port)/start.html"))
                let page = try await withFetcher(allowPrivate: true, table: table) { try await $0.fetch(url) }
                return (page, target.port)
            }
        }
        #expect(page.url.absoluteString == "http://second.invalid:\(target)/page.html")
        #expect(String(decoding: page.data, as: UTF8.self).contains("reached"))
        #expect(table.asked == ["pinned.invalid", "second.invalid"])
    }

    @Test("a name answering a private address is refused before any connection")
    func privateAnswerRefused() async throws {
        // The site would serve the page: only a refusal before connecting keeps it from the fetch.
        let table = ResolverTable(["rebound.invalid": ["127.0.0.1"]])
        let refusal = try await withSite(["/page.html": Self.page]) { site in
            let url = try #require(URL(string: "http://rebound.invalid:\(site.port)/page.html"))
            return await #expect(throws: WebPageFetcher.Refusal.self) {
                try await withFetcher(allowPrivate: false, table: table) { try await $0.fetch(url) }
            }
        }
        #expect(refusal?.description.contains("rebound.invalid is a loopback, private or link-local address (127.0.0.1)") == true)
        #expect(table.asked == ["rebound.invalid"])
    }

    @Test("a name that does not resolve is refused, not looked up anywhere else")
    func unresolvable() async throws {
        let table = ResolverTable([:])
        let url = try #require(URL(string: "http://missing.invalid:9/page.html"))
        let outcome = await #expect(throws: WebPageFetcher.Refusal.self) {
            try await withFetcher(allowPrivate: true, table: table) { try await $0.fetch(url) }
        }
        #expect(outcome?.description.contains("missing.invalid does not resolve") == true)
        #expect(table.asked == ["missing.invalid"])
    }

    @Test("a host written as an address is connected to as it is, without a lookup")
    func addressLiteral() async throws {
        let table = ResolverTable([:])
        let page = try await withSite(["/page.html": Self.page]) { site in
            let url = try #require(URL(string: site.url("/page.html")))
            return try await withFetcher(allowPrivate: true, table: table) { try await $0.fetch(url) }
        }
        #expect(String(decoding: page.data, as: UTF8.self).contains("reached"))
        #expect(table.asked.isEmpty)
    }

    @Test("the override maps the host name to the first checked address; an address maps to nothing")
    func override() async throws {
        let table = ResolverTable(["two.invalid": ["192.0.2.1", "127.0.0.1"], "Mixed.Case.invalid": ["::1"]])
        let url = { (text: String) throws -> URL in try #require(URL(string: text)) }
        let (two, mixed, v6, v4) = try (
            url("https://two.invalid/x"), url("http://Mixed.Case.invalid:8080/"), url("http://[::1]:8080/"), url("http://127.0.0.1/")
        )
        let overrides = try await withFetcher(allowPrivate: true, table: table) { fetcher in
            [
                try await fetcher.addressOverrides(for: two), try await fetcher.addressOverrides(for: mixed),
                try await fetcher.addressOverrides(for: v6), try await fetcher.addressOverrides(for: v4),
            ]
        }
        #expect(overrides == [["two.invalid": "192.0.2.1"], ["Mixed.Case.invalid": "::1"], [:], [:]])
        #expect(table.asked == ["two.invalid", "Mixed.Case.invalid"])
    }
}
