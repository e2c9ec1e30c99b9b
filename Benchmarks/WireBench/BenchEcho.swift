import Wire

/// `bench.echo`: the benchmark's request, about 200 bytes of parameters, echoed back.
enum BenchEcho: WireMethod {
    static let name = "bench.echo"
    static let isIdempotent = true

    struct Params: Codable, Sendable {
        var question: String
        var knowledgeBases: [Int64]
        var topK: Int

        enum CodingKeys: String, CodingKey {
            case question
            case knowledgeBases = "knowledge_bases"
            case topK = "top_k"
        }
    }

    typealias Result = Params

    static let sample = Params(
        question: "How do I configure the Linux server so that the backup job runs every night and keeps thirty days of archives on the second disk?",
        knowledgeBases: [1, 2, 3],
        topK: 5
    )
}
