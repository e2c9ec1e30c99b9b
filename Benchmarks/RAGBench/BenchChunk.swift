/// One chunk of benchmark text: what both engines index.
struct BenchChunk: Sendable {
    var title: String
    var headingPath: [String]
    var text: String
}
