import Foundation
import Wire

extension IngestionJobRunner {
    /// A `.zip` upload: every file entry is an item named by its path in the archive, with
    /// source URI `<archive name>/<path>`. The archive's central directory is checked against
    /// the limits before anything is read, so a zip bomb fails the task at once; entries that
    /// would escape a folder (zip slip) or are duplicates are failed items, symbolic links and
    /// macOS metadata are skipped; one bad file never fails the archive.
    func ingestArchive(_ file: IngestSource.File, run: IngestionRun) async throws {
        try await run.stage(.fetching)
        guard FileManager.default.fileExists(atPath: file.stagedPath) else {
            throw Failure("the uploaded file is gone from the staging folder; upload it again")
        }
        let limits = ArchiveLimits(
            maxEntries: configuration.archiveMaxEntries, maxTotalBytes: Int(configuration.archiveMaxBytes),
            maxEntryBytes: configuration.itemMaxBytes)
        let reader: ZipArchiveReader
        do {
            reader = try ZipArchiveReader(path: file.stagedPath, limits: limits)
        } catch {
            throw Failure(error.description)
        }
        let totalBytes = reader.entries.reduce(Int64(0)) { $0 + Int64($1.uncompressedSize) }
        try await run.stage(.indexing, itemsTotal: reader.entries.count + reader.refusedEntries.count, bytesTotal: totalBytes)
        for refused in reader.refusedEntries {
            try await run.item(refused.path) {
                switch refused.reason {
                case .symbolicLink, .systemMetadata: .skipped("ignored: \(refused.reason.rawValue)")
                case .absolutePath, .parentDirectory, .duplicatePath, .invalidName: .failed("refused: \(refused.reason.rawValue)")
                }
            }
        }
        for entry in reader.entries {
            try await run.item(entry.path, bytes: Int64(entry.uncompressedSize)) {
                guard DocumentFormat.detect(fileName: entry.path, mime: nil) != nil else {
                    let ext = DocumentFormat.fileExtension(of: entry.path)
                    return .skipped(ext.isEmpty ? "unsupported format: a file without an extension" : "unsupported format: .\(ext)")
                }
                let data: Data
                switch Self.read(entry, from: reader) {
                case .success(let read): data = read
                case .failure(let error): return .failed(error.description)
                }
                return try await indexer.index(
                    data, fileName: entry.path, mime: nil, sourceURI: "\(file.fileName)/\(entry.path)",
                    knowledgeBaseID: run.knowledgeBaseID, taskID: run.taskID)
            }
        }
    }

    /// One entry's bytes, or why not (kept out of closures: typed throws there trips the compiler).
    private static func read(_ entry: ZipArchiveEntry, from reader: ZipArchiveReader) -> Result<Data, ArchiveError> {
        do {
            return .success(try reader.read(entry))
        } catch {
            return .failure(error)
        }
    }
}
