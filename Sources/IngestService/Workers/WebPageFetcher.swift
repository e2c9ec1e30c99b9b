import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP

/// Fetches one web page for a URL task: `http(s)` only, every hop of a redirect checked
/// against the address policy, a time limit and a size cap per page, and only content types
/// that hold documents.
///
/// Each hop looks its host up once, checks every address, and connects to the first of them
/// (the client's `addressOverrides`; for https the host still names the certificate and SNI).
/// Nothing resolves the name a second time, so a DNS server that answers the check with a
/// public address and the connection with an internal one (DNS rebinding) gets nowhere. A
/// host written as an IP address needs no lookup and is connected to as it is.
struct WebPageFetcher: Sendable {
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
    func addressOverrides(for url: URL) async throws -> [String: String] {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Refusal("only http:// and https:// URLs are fetched")
        }
        // The host as the client reads it from the request's URL string, so the override
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

    /// What one request ended in.
    private enum Hop {
        case page(Page)
        case redirect(URL)
    }

    func fetch(_ start: URL) async throws -> Page {
        var url = start
        for _ in 0...maxRedirects {
            let client = HTTPClient(configuration: .init(addressOverrides: try await addressOverrides(for: url)))
            let hop = try await request(url, through: client)
            switch hop {
            case .page(let page): return page
            case .redirect(let next): url = next
            }
        }
        throw Refusal("more than \(maxRedirects) redirects")
    }

    /// One request: a redirect, or the page with its body read within the size cap.
    private func request(_ url: URL, through client: HTTPClient) async throws -> Hop {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "KnowledgeMesh-ingest/1")
        request.headers.add(name: "Accept", value: "text/html, text/markdown, text/plain;q=0.9")
        return try await client.execute(request, timeout: timeout) { response in try await hop(response, from: url) }
    }

    /// What a response means: a redirect, a page, or a refusal, its body read only for a page.
    private func hop(_ response: HTTPClientResponse, from url: URL) async throws -> Hop {
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
        } catch {
            guard case .tooManyBytes = error else { throw error }
            throw Refusal("the page is larger than \(maxBytes) bytes (INGEST_URL_MAX_BYTES)")
        }
        return .page(Page(url: url, data: Data(body.readableBytesView), mime: contentType))
    }
}
