import Foundation

/// A retrieval test collection in BEIR layout: `corpus.jsonl`, `queries.jsonl` and
/// `qrels/test.tsv` (header line, then `query-id`, `corpus-id`, `score`).
struct BEIRDataset {
    struct Document: Decodable {
        var id: String
        var title: String
        var text: String

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case title
            case text
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
            text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        }
    }

    struct Query: Decodable {
        var id: String
        var text: String

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case text
        }
    }

    enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case badLine(path: String, line: Int, reason: String)

        var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .badLine(let path, let line, let reason): "\(path):\(line): \(reason)"
            }
        }
    }

    var documents: [Document]
    /// Query text by query id.
    var queries: [String: String]
    /// Graded relevance by query id, then document id; only judgements above 0.
    var relevance: [String: [String: Int]]

    /// Loads the collection in `directory`.
    init(directory: URL) throws {
        documents = try Self.readJSONLines(directory.appending(path: "corpus.jsonl"), as: Document.self)
        let queryList = try Self.readJSONLines(directory.appending(path: "queries.jsonl"), as: Query.self)
        queries = Dictionary(queryList.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        relevance = try Self.readQrels(directory.appending(path: "qrels/test.tsv"))
    }

    private static func lines(of url: URL) throws -> [Substring] {
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return text.split(whereSeparator: \.isNewline)
        } catch {
            throw LoadError.unreadable(path: url.path, reason: "\(error)")
        }
    }

    private static func readJSONLines<T: Decodable>(_ url: URL, as type: T.Type) throws -> [T] {
        let decoder = JSONDecoder()
        return try lines(of: url).enumerated().compactMap { number, line in
            if line.allSatisfy(\.isWhitespace) { return nil }
            do {
                return try decoder.decode(T.self, from: Data(line.utf8))
            } catch {
                throw LoadError.badLine(path: url.path, line: number + 1, reason: "\(error)")
            }
        }
    }

    private static func readQrels(_ url: URL) throws -> [String: [String: Int]] {
        var relevance: [String: [String: Int]] = [:]
        for (number, line) in try lines(of: url).enumerated() {
            let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            if number == 0, fields.first == "query-id" { continue }
            guard fields.count >= 3, let grade = Int(fields[2]) else {
                throw LoadError.badLine(path: url.path, line: number + 1, reason: "expected query-id, corpus-id, score")
            }
            if grade > 0 { relevance[fields[0], default: [:]][fields[1]] = grade }
        }
        return relevance
    }
}
