import Crypto
import Foundation

/// A secret kept as its SHA-256 digest, so a presented credential is checked by comparing
/// digests in constant time: the time taken says nothing about how much of it matched.
///
/// The digest is computed once; a check costs one hash of the candidate.
struct SecretDigest: Sendable {
    private let digest: SHA256.Digest

    init(_ secret: String) {
        digest = SHA256.hash(data: Data(secret.utf8))
    }

    /// Whether `candidate` is the secret. (`SHA256.Digest`'s `==` is constant-time.)
    func matches(_ candidate: String) -> Bool {
        SHA256.hash(data: Data(candidate.utf8)) == digest
    }
}
