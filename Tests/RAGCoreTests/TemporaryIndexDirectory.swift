import Foundation

/// A fresh directory under /tmp for one test's index, removed when the test ends.
func withTemporaryIndexDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    let directory = FileManager.default.temporaryDirectory
        .appending(path: "rag-core-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory.appending(path: "kb.xapian").path)
}
