import Foundation
import TestSupport
import Testing
import Wire

/// One golden request/response pair for a Wire method, and how to replay it against the
/// executable that serves it.
struct ContractFixture: Sendable, CustomTestStringConvertible {
    var fileName: String
    var method: String
    var request: JSONValue
    var response: JSONValue
    var replayExecutable: String
    var replaySocket: String
    /// Dotted paths whose values differ from run to run (pids, clocks); only their presence is compared.
    /// A number in a path indexes an array (`result.users.0.created_at`).
    var ignoredPaths: [String]
    /// Requests replayed first, in order, on the same connection, to give the fresh service
    /// the state the golden request needs (`replay.setup`, optional); each must succeed.
    var setupRequests: [JSONValue]

    var testDescription: String { fileName }

    static let folder = (BuildProducts.packageRoot as NSString).appendingPathComponent("Tests/ContractTests/Fixtures")

    static func all() throws -> [ContractFixture] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { try load($0) }
    }

    static func load(_ fileName: String) throws -> ContractFixture {
        let data = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(fileName)))
        let raw = try JSONDecoder().decode(RawFixture.self, from: data)
        return ContractFixture(
            fileName: fileName,
            method: raw.method,
            request: raw.request,
            response: raw.response,
            replayExecutable: raw.replay.executable,
            replaySocket: raw.replay.socket,
            ignoredPaths: raw.replay.ignore,
            setupRequests: raw.replay.setup ?? []
        )
    }

    private struct RawFixture: Decodable {
        struct Replay: Decodable {
            var executable: String
            var socket: String
            var ignore: [String]
            var setup: [JSONValue]?
        }
        var method: String
        var request: JSONValue
        var response: JSONValue
        var replay: Replay
    }
}

extension ContractFixture {
    /// Sends the setup requests on `socket`, expecting a result for each.
    func sendSetup(on socket: RawSocket) async throws {
        for request in setupRequests {
            try await socket.send(RawSocket.frame(Array(try JSONEncoder().encode(request))))
            let payload = try #require(await socket.readFrame(), "no answer to setup request \(request)")
            let answer = try JSONDecoder().decode(JSONValue.self, from: Data(payload))
            #expect(answer[path: "result"] != nil, "setup request failed: \(answer)")
        }
    }
}

extension JSONValue {
    subscript(path path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".") {
            switch current {
            case .object(let object)?: current = object[String(key)]
            case .array(let array)?: current = Int(key).flatMap { array.indices.contains($0) ? array[$0] : nil }
            default: return nil
            }
        }
        return current
    }

    /// This value with the values at `paths` replaced by null, for comparisons that ignore them.
    func blanking(_ paths: [String]) -> JSONValue {
        paths.reduce(self) { value, path in value.replacing(path.split(separator: ".").map(String.init)[...], with: .null) }
    }

    private func replacing(_ path: ArraySlice<String>, with replacement: JSONValue) -> JSONValue {
        guard let key = path.first else { return self }
        switch self {
        case .object(var object):
            guard let child = object[key] else { return self }
            object[key] = path.count == 1 ? replacement : child.replacing(path.dropFirst(), with: replacement)
            return .object(object)
        case .array(var array):
            guard let index = Int(key), array.indices.contains(index) else { return self }
            array[index] = path.count == 1 ? replacement : array[index].replacing(path.dropFirst(), with: replacement)
            return .array(array)
        default:
            return self
        }
    }
}
