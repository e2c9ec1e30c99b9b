import Foundation
import IngestService
import Testing

@Suite("Extraction: address policy for URL fetching")
struct ExtractionAddressPolicyTests {
    @Test(
        "refused ranges",
        arguments: [
            "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1",
            "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.254", "224.0.0.1", "239.1.1.1", "255.255.255.255", "240.0.0.1",
            "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "[fe80::1%eth0]", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2001:db8::1", "not an address", "",
        ])
    func refused(address: String) {
        #expect(!AddressPolicy.isPublic(address))
    }

    @Test(
        "public addresses",
        arguments: [
            "8.8.8.8", "1.1.1.1", "172.15.0.1", "172.32.0.1", "100.63.0.1", "100.128.0.1", "169.253.1.1", "93.184.216.34",
            "2606:4700:4700::1111", "[2a00:1450:4001:80b::200e]", "::ffff:8.8.8.8",
        ])
    func allowed(address: String) {
        #expect(AddressPolicy.isPublic(address))
    }

    @Test("URLs: only http(s); IP literals in private ranges refused unless allowed")
    func urls() throws {
        let strict = AddressPolicy(allowPrivate: false)
        let open = AddressPolicy(allowPrivate: true)
        let url = { (text: String) throws -> URL in try #require(URL(string: text)) }
        #expect(throws: AddressPolicy.Refusal.unsupportedScheme("file")) { try strict.check(url: url("file:///etc/passwd")) }
        #expect(throws: AddressPolicy.Refusal.unsupportedScheme("ftp")) { try open.check(url: url("ftp://example.com/x")) }
        #expect(throws: AddressPolicy.Refusal.privateAddress(host: "169.254.169.254", address: "169.254.169.254")) {
            try strict.check(url: url("http://169.254.169.254/latest/meta-data/"))
        }
        #expect(throws: AddressPolicy.Refusal.self) { try strict.check(url: url("http://[::1]:8080/")) }
        try strict.check(url: url("https://example.com/docs"))
        try open.check(url: url("http://127.0.0.1:8080/"))
        #expect(AddressPolicy.Refusal.privateAddress(host: "h", address: "10.0.0.1").description.contains("INGEST_ALLOW_PRIVATE_URLS"))
    }

    @Test("every resolved address is checked; localhost resolves to loopback and is refused")
    func resolved() async throws {
        let strict = AddressPolicy(allowPrivate: false)
        #expect(throws: AddressPolicy.Refusal.privateAddress(host: "mixed.example", address: "10.0.0.5")) {
            try strict.check(resolvedAddresses: ["93.184.216.34", "10.0.0.5"], host: "mixed.example")
        }
        #expect(throws: AddressPolicy.Refusal.unresolvable(host: "nowhere.invalid")) {
            try strict.check(resolvedAddresses: [], host: "nowhere.invalid")
        }
        try strict.check(resolvedAddresses: ["93.184.216.34"], host: "example.com")
        // Numeric spellings that are not dotted quads still resolve to loopback and are caught.
        for host in ["2130706433", "127.1", "0x7f.0.0.1"] {
            await #expect(throws: AddressPolicy.Refusal.self) { try await strict.resolveAndCheck(host: host) }
        }
        let loopback = await HostAddressResolver.addresses(of: "localhost")
        #expect(loopback.contains("127.0.0.1") || loopback.contains("::1"))
        await #expect(throws: AddressPolicy.Refusal.self) { try await strict.resolveAndCheck(host: "localhost") }
        let allowed = try await AddressPolicy(allowPrivate: true).resolveAndCheck(host: "127.0.0.1")
        #expect(allowed == ["127.0.0.1"])
    }
}
