import NIOCore
import NIOPosix
import NIOSSL
import Testing

@testable import OutboundHTTP

/// https is checked: a server whose certificate no system root signed is refused, also when
/// the certificate names the very host asked for.
@Suite struct HTTPClientTLSTests {
    /// A self-signed certificate for `localhost` and 127.0.0.1 (made with `openssl req -x509`).
    static let certificate = """
-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUCF507aHfM8wcI/e6PiXLoEWHRxwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTA2MjIzOFoYDzIxMjYxMTAx
MDYyMjM4WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASYuVPXAPVaeLPW637SUfFpcVUo6kTxQk/7QnV56dHNBWSK+VpcFI5Z
iHSL9mO8YKO212KvVyViW82a2ron1mCCo28wbTAdBgNVHQ4EFgQUt/il9grFdP/d
FpqBGCAl7kq1oxYwHwYDVR0jBBgwFoAUt/il9grFdP/dFpqBGCAl7kq1oxYwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgYbQ8VejjNDAgE2ZMzP5+6x1NbcUrS14iw2ABbouJ19cCIGT0
y85RdtAnXEmf1kMIfu8l2WmSVgMirP6feWlHsK9e
-----END CERTIFICATE-----
"""
    static let privateKey = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgqVtTx1e5EowtieVZ
i+RmSRiF8Aht68eJ15b7UG7DWDKhRANCAASYuVPXAPVaeLPW637SUfFpcVUo6kTx
Qk/7QnV56dHNBWSK+VpcFI5ZiHSL9mO8YKO212KvVyViW82a2ron1mCC
-----END PRIVATE KEY-----
"""

    /// A TLS server on 127.0.0.1 with that certificate; runs `body` with its port.
    static func withServer(_ body: (Int) async throws -> Void) async throws {
        let context = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificate.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKey.utf8), format: .pem))))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            try await body(channel.localAddress?.port ?? 0)
        } catch {
            try await channel.close()
            throw error
        }
        try await channel.close()
    }

    @Test("a self-signed certificate is refused, by address and by the name it was made for")
    func untrustedCertificate() async throws {
        try await Self.withServer { port in
            let byName = HTTPClient(configuration: .init(addressOverrides: ["localhost": "127.0.0.1"]))
            for (client, url) in [(HTTPClient.shared, "https://127.0.0.1:\(port)/"), (byName, "https://localhost:\(port)/")] {
                let error = await #expect(throws: HTTPClient.Error.self) {
                    _ = try await client.execute(.init(url: url), timeout: .seconds(10), maxBodyBytes: 100)
                }
                guard case .transport(let reason) = error else {
                    Issue.record("expected a TLS failure, got \(String(describing: error))")
                    continue
                }
                #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"), "\(reason)")
            }
        }
    }
}
