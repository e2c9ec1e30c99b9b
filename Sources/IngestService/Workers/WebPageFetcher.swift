import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Fetches one web page for a URL task: `http(s)` only, every hop of a redirect checked
/// against the address policy, a time limit and a size cap per page, and only content types
/// that hold documents.
///
/// Each hop looks its host up once, checks every address, and connects to the first of them
/// through a client of its own whose `dnsOverride` maps the host to that address (for https
/// the host still names the certificate and SNI). Nothing resolves the name a second time, so
/// a DNS server that answers the check with a public address and the connection with an
/// internal one (DNS rebinding) gets nowhere. A host written as an IP address needs no lookup
/// and goes through the shared `client`.
struct WebPageFetcher: Sendable {
    /// The client for hosts written as IP addresses; whoever made the fetcher shuts it down.
    let client: HTTPClient
    let timeout: Duration
    let maxBytes: Int
    let allowPrivate: Bool
    /// Redirects followed at most.
    var maxRedirects = 5
    /// How host names are looked up: the system resolver, or a table in tests.
    var resolver: AddressPolicy.Resolver = HostAddressResolver.addresses(of:)

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

    /// A client that never follows redirects by itself, so each hop is checked here, and that
    /// connects to the addresses `dnsOverride` gives for host names instead of looking them up.
    static func makeClient(dnsOverride: [String: String] = [:]) -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
        configuration.dnsOverride = dnsOverride
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// Checks a URL when a task is submitted: scheme and host, then its addresses.
    static func check(_ url: URL, allowPrivate: Bool) async throws {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Refusal("only http:// and https:// URLs are fetched")
        }
        guard let host = url.host, !host.isEmpty else { throw Refusal("the URL has no host") }
        if let refusal = await HostAddressCheck(allowPrivate: allowPrivate).refusal(forHost: host) {
            throw Refusal("refused: \(refusal)")
        }
    }

    /// Checks `url` before its request and says where to connect: the host is looked up once
    /// and every address checked; a host name maps to the first checked address, a host written
    /// as an address maps to nothing (it is connected to as it is).
    func dnsOverride(for url: URL) async throws -> [String: String] {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Refusal("only http:// and https:// URLs are fetched")
        }
        // The host as AsyncHTTPClient reads it from the request's URL string, so the override
        // matches its key exactly and it never falls back to a lookup of its own.
        guard let host = URL(string: url.absoluteString)?.host, !host.isEmpty else { throw Refusal("the URL has no host") }
        let addresses: [String]
        do {
            addresses = try await HostAddressCheck(allowPrivate: allowPrivate, resolver: resolver).checkedAddresses(ofHost: host)
        } catch {
            throw Refusal("refused: \(error.description)")
        }
        return AddressPolicy.isAddressLiteral(host) ? [:] : [host: addresses[0]]
    }

    /// Runs `body` with a client of its own that connects as `dnsOverride` says, and shuts the
    /// client down afterwards, also when `body` throws or the task is cancelled.
    static func withClient<Value>(
        dnsOverride: [String: String], _ body: (HTTPClient) async throws -> Value
    ) async throws -> Value {
        let client = makeClient(dnsOverride: dnsOverride)
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        // The page is already read: a client that fails to shut down cleanly must not lose it.
        try? await client.shutdown()
        return try result.get()
    }

    /// What one request ended in.
    private enum Hop {
        case page(Page)
        case redirect(URL)
    }

    func fetch(_ start: URL) async throws -> Page {
        var url = start
        for _ in 0...maxRedirects {
            let pinned = try await dnsOverride(for: url)
            let hop =
                if pinned.isEmpty {
                    try await request(url, through: client)
                } else {
                    try await Self.withClient(dnsOverride: pinned) { try await request(url, through: $0) }
                }
            switch hop {
            case .page(let page): return page
            case .redirect(let next): url = next
            }
        }
        throw Refusal("more than \(maxRedirects) redirects")
    }

    /// One request, its body read (within the size cap) while `client` is still up.
    private func request(_ url: URL, through client: HTTPClient) async throws -> Hop {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "KnowledgeMesh-ingest/1")
        request.headers.add(name: "Accept", value: "text/html, text/markdown, text/plain;q=0.9")
        let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
        if (300..<400).contains(response.status.code), let location = response.headers.first(name: "Location") {
            guard let next = URL(string: location, relativeTo: url)?.absoluteURL else { throw Refusal("bad redirect to \(location)") }
            return .redirect(next)
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
        return .page(Page(url: url, data: Data(body.readableBytesView), mime: contentType))
    }
}
