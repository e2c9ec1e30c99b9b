import Synchronization

@testable import IngestService

/// A resolver for tests: answers host names from a table (nothing for other names) and
/// records every lookup, so a test can see that a name was looked up exactly once.
final class ResolverTable: Sendable {
    private let answers: [String: [String]]
    private let lookups = Mutex<[String]>([])

    init(_ answers: [String: [String]]) {
        self.answers = answers
    }

    var resolver: AddressPolicy.Resolver {
        { [self] host in
            lookups.withLock { $0.append(host) }
            return answers[host] ?? []
        }
    }

    /// The names looked up so far, in order.
    var asked: [String] { lookups.withLock { $0 } }
}
