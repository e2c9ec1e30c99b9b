import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Fetches one web page for a URL task: `http(s)` only, every hop of a redirect checked
/// against the address policy, a time limit and a size cap per page, and only content types
/// that hold documents.
struct WebPageFetcher: Sendable {
    let client: HTTPClient
    let timeout: Duration
    let maxBytes: Int
    let allowPrivate: Bool
    /// Redirects followed at most.
    var maxRedirects = 5

    /// A fetched page: where it ended up after redirects, its body and its declared type.
    struct Page: Sendable {
        var url: URL
        var data: Data
        var mime: String?
    }

    /// Why a page was not fetched; the text is the item's failure reason.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Types that hold documents; anything else is refused without reading the body.
    static let acceptedTypes: Set<String> = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"]

    /// A client that never follows redirects by itself, so each hop is checked here.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// Checks a URL before any request: scheme and host, then its addresses.
    func check(_ url: URL) async throws {
        try await Self.check(url, allowPrivate: allowPrivate)
    }

    static func check(_ url: URL, allowPrivate: Bool) async throws {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Refusal("only http:// and https:// URLs are fetched")
        }
        guard let host = url.host, !host.isEmpty else { throw Refusal("the URL has no host") }
        if let refusal = await HostAddressCheck(allowPrivate: allowPrivate).refusal(forHost: host) {
            throw Refusal("refused: \(refusal)")
        }
    }

    func fetch(_ start: URL) async throws -> Page {
        var url = start
        for _ in 0...maxRedirects {
            try await check(url)
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "User-Agent", value: "KnowledgeMesh-ingest/1")
            request.headers.add(name: "Accept", value: "text/html, text/markdown, text/plain;q=0.9")
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
            if (300..<400).contains(response.status.code), let location = response.headers.first(name: "Location") {
                guard let next = URL(string: location, relativeTo: url)?.absoluteURL else { throw Refusal("bad redirect to \(location)") }
                url = next
                continue
            }
            guard response.status.code == 200 else { throw Refusal("HTTP \(response.status.code)") }
            let contentType = response.headers.first(name: "Content-Type")
            let essence = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let essence, Self.acceptedTypes.contains(essence) else {
                throw Refusal("content type \(contentType ?? "(none)") is not a document")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
                throw Refusal("the page is larger than \(maxBytes) bytes (INGEST_URL_MAX_BYTES)")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: maxBytes)
            } catch is NIOTooManyBytesError {
                throw Refusal("the page is larger than \(maxBytes) bytes (INGEST_URL_MAX_BYTES)")
            }
            return Page(url: url, data: Data(body.readableBytesView), mime: contentType)
        }
        throw Refusal("more than \(maxRedirects) redirects")
    }
}
