import Foundation
import Testing

@testable import IngestService

/// A git clone connects to the address the source policy checked: the policy looks the host
/// up once and git gets that address through curl's resolve list. Nothing here runs git or
/// connects anywhere; the addresses are only checked and written into arguments.
@Suite struct GitRemotePinningTests {
    func remote(_ url: String, allowPrivate: Bool = false, table: ResolverTable) async throws -> GitRemote {
        try await GitSourcePolicy(allowPrivate: allowPrivate, resolver: table.resolver).checkedRemote(url)
    }

    @Test("an https host name is pinned to its checked addresses on the URL's port or the scheme's")
    func pinned() async throws {
        let table = ResolverTable([
            "git.example.org": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"], "code.example.net": ["2606:4700::1111"],
        ])
        let https = try await remote("https://git.example.org/team/wiki.git", table: table)
        let pin = GitRemote.PinnedAddresses(
            host: "git.example.org", port: 443, addresses: ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
        #expect(https == GitRemote(url: "https://git.example.org/team/wiki.git", pinned: pin))
        let http = try await remote("http://code.example.net:8080/repo", table: table)
        #expect(http.pinned == .init(host: "code.example.net", port: 8080, addresses: ["2606:4700::1111"]))
        #expect(table.asked == ["git.example.org", "code.example.net"])

        let arguments = GitCheckout.cloneArguments(https, ref: "main", into: "/tmp/checkout", allowLocal: false)
        #expect(
            arguments == [
                "-c", "protocol.file.allow=never", "-c", "http.followRedirects=false", "-c", "http.proxy=",
                "-c", "http.curloptResolve=git.example.org:443:93.184.216.34,[2606:2800:220:1:248:1893:25c8:1946]",
                "-c", "http.curloptResolve=*:443:93.184.216.34,[2606:2800:220:1:248:1893:25c8:1946]",
                "clone", "--depth", "1", "--single-branch", "--no-tags", "--branch", "main",
                "--", "https://git.example.org/team/wiki.git", "/tmp/checkout",
            ])
        // An IPv6 address goes in brackets; the port is the URL's. Options come before `clone`.
        let options = GitCheckout.cloneArguments(http, ref: nil, into: "/tmp/c", allowLocal: false).prefix { $0 != "clone" }
        #expect(options.contains("http.curloptResolve=code.example.net:8080:[2606:4700::1111]"))
        #expect(options.contains("http.curloptResolve=*:8080:[2606:4700::1111]"))
    }

    @Test(
        "a host answering any private address is refused before git runs",
        arguments: [["10.0.0.8"], ["93.184.216.34", "127.0.0.1"], ["169.254.169.254"], ["::ffff:192.168.1.1"], []])
    func privateRefused(addresses: [String]) async throws {
        let table = ResolverTable(["rebound.example": addresses])
        let failure = await #expect(throws: IngestionJobRunner.Failure.self) {
            try await remote("https://rebound.example/repo.git", table: table)
        }
        let reason = failure?.description ?? ""
        #expect(reason.hasPrefix("repository refused: rebound.example"), "\(reason)")
        #expect(reason.contains(addresses.isEmpty ? "does not resolve" : "private"), "\(reason)")
    }

    @Test("with private addresses allowed the host is still looked up once and pinned")
    func privateAllowedStillPinned() async throws {
        let table = ResolverTable(["git.lan": ["192.168.1.20"]])
        let lan = try await remote("http://git.lan/repo.git", allowPrivate: true, table: table)
        #expect(lan.pinned == .init(host: "git.lan", port: 80, addresses: ["192.168.1.20"]))
        #expect(table.asked == ["git.lan"])
    }

    @Test("hosts written as addresses and local repositories have nothing to pin")
    func nothingToPin() async throws {
        let table = ResolverTable([:])
        let literal = try await remote("https://93.184.216.34/repo.git", table: table)
        #expect(literal == GitRemote(url: "https://93.184.216.34/repo.git"))
        let local = try await remote("/srv/git/wiki", allowPrivate: true, table: table)
        #expect(local == GitRemote(url: "file:///srv/git/wiki"))
        #expect(try await remote("file:///srv/git/wiki", allowPrivate: true, table: table).pinned == nil)
        #expect(table.asked.isEmpty)
        let arguments = GitCheckout.cloneArguments(local, ref: nil, into: "/tmp/c", allowLocal: true)
        #expect(!arguments.contains { $0.hasPrefix("http.curloptResolve") })
        #expect(arguments.starts(with: ["-c", "protocol.file.allow=always", "-c", "http.followRedirects=false", "-c", "http.proxy="]))
    }

    @Test(
        "transports that resolve names themselves are refused",
        arguments: [
            "ssh://git.example.org/repo.git", "git://git.example.org/repo.git", "git@git.example.org:org/repo.git", "ext::sh -c id",
        ])
    func otherTransportsRefused(url: String) async throws {
        let table = ResolverTable([:])
        await #expect(throws: IngestionJobRunner.Failure.self) { try await remote(url, allowPrivate: true, table: table) }
        #expect(table.asked.isEmpty)
    }
}
