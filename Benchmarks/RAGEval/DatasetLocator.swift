import Foundation

/// Finds a dataset directory from what the user typed: a path, or a name looked up in
/// `../shared/datasets` beside the working directory or beside the package root.
enum DatasetLocator {
    struct NotFound: Error, CustomStringConvertible {
        var name: String
        var tried: [String]
        var description: String {
            "no dataset '\(name)' (needs corpus.jsonl); tried: \(tried.joined(separator: ", "))"
        }
    }

    static func resolve(_ name: String) throws -> URL {
        let workingDirectory = URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
        // This file is Benchmarks/RAGEval/DatasetLocator.swift inside the package.
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            URL(filePath: name, relativeTo: workingDirectory),
            workingDirectory.appending(path: "../shared/datasets").appending(path: name),
            packageRoot.appending(path: "../shared/datasets").appending(path: name),
        ].map(\.standardizedFileURL)
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appending(path: "corpus.jsonl").path) {
            return candidate
        }
        throw NotFound(name: name, tried: candidates.map(\.path))
    }
}
