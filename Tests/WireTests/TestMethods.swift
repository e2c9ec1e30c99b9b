import Wire

/// `test.echo`: returns its parameters; the shape check of params rides on `number: Int`.
enum TestEcho: WireMethod {
    static let name = "test.echo"
    static let isIdempotent = true

    struct Params: Codable, Sendable, Equatable {
        var text: String
        var number: Int
    }

    typealias Result = Params
}

/// `test.sleep`: answers after `ms` milliseconds with its tag.
enum TestSleep: WireMethod {
    static let name = "test.sleep"

    struct Params: Codable, Sendable {
        var ms: Int
        var tag: String
    }

    struct Result: Codable, Sendable {
        var tag: String
    }
}

/// `test.fail`: throws an error that is not a `WireError`, to check its text is withheld.
enum TestFail: WireMethod {
    static let name = "test.fail"
    typealias Params = WireEmpty
    typealias Result = WireEmpty
}

struct SecretFailure: Error, CustomStringConvertible {
    var description: String { "secret database password is hunter2" }
}
