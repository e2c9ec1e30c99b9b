import Foundation
import Wire

extension IngestionJobRunner {
    /// One uploaded file: one item, named after the file; its source URI is the file name, so
    /// uploading a new version of `notes.md` replaces the old one.
    func ingestFile(_ file: IngestSource.File, run: IngestionRun) async throws {
        try await run.stage(.fetching, itemsTotal: 1)
        let data = try readStaged(file)
        try await run.stage(.extracting, bytesTotal: Int64(data.count))
        try await run.item(file.fileName, bytes: Int64(data.count)) {
            // One file is the whole task, so its steps are the task's stages.
            try await indexer.index(
                data, fileName: file.fileName, mime: file.mime, sourceURI: file.fileName, knowledgeBaseID: run.knowledgeBaseID,
                taskID: run.taskID, stages: { try await run.stage($0) })
        }
    }

    /// The staged upload's bytes; a task whose upload is gone fails with what to do about it.
    func readStaged(_ file: IngestSource.File) throws -> Data {
        guard let data = FileManager.default.contents(atPath: file.stagedPath) else {
            throw Failure("the uploaded file is gone from the staging folder; upload it again")
        }
        return data
    }
}
