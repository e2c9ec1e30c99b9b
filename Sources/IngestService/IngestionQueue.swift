import Foundation
import Wire

/// The front of ingestion: checks a submitted source, decides its kind, queues the task and
/// wakes the workers; lists, cancels and retries tasks.
struct IngestionQueue: Sendable {
    let store: IngestionJobStore
    let pool: IngestionWorkerPool
    let configuration: IngestServiceConfiguration

    /// Queues a task for `params`, refusing a malformed or forbidden source at once.
    func submit(_ params: IngestSubmit.Params) async throws -> IngestTask {
        let (kind, label) = try await classify(params.source)
        let task = try await store.submit(
            knowledgeBaseID: params.knowledgeBaseID, submittedBy: params.submittedBy, kind: kind, source: label, spec: params.source)
        pool.nudge()
        return task
    }

    func retry(_ id: Int64) async throws -> IngestTask {
        let record = try await store.record(id)
        if let staged = (try? record.sourceSpec)?.file?.stagedPath, !FileManager.default.fileExists(atPath: staged) {
            throw IngestionJobStore.Error.conflict("task \(id)'s uploaded file is gone; upload it again")
        }
        let task = try await store.retry(id)
        pool.nudge()
        return task
    }

    func cancel(_ id: Int64) async throws -> IngestTask {
        let (task, endedNow) = try await store.cancel(id)
        if endedNow, let record = try? await store.record(id), let staged = (try? record.sourceSpec)?.file?.stagedPath {
            try? FileManager.default.removeItem(atPath: staged)
        }
        return task
    }

    /// The kind of task a source makes and the name it is shown under.
    private func classify(_ source: IngestSource) async throws -> (IngestTaskKind, String) {
        let given = [source.file != nil, source.url != nil, source.git != nil].filter { $0 }.count
        guard given == 1 else { throw Refusal(field: "source", "must have exactly one of file, url, git") }
        if let file = source.file {
            try checkStaged(file)
            let name = file.fileName
            switch DocumentFormat.fileExtension(of: name) {
            case "zip": return (.archive, name)
            case "xml": return (.wiki, name)
            default: return (.file, name)
            }
        }
        if let web = source.url {
            guard let url = URL(string: web.url), url.host != nil else {
                throw Refusal(field: "source.url.url", "must be an absolute http(s) URL")
            }
            do {
                try await WebPageFetcher.check(url, allowPrivate: configuration.allowPrivateURLs)
            } catch let refusal as WebPageFetcher.Refusal {
                throw Refusal(field: "source.url.url", refusal.description)
            }
            if let pages = web.crawl?.maxPages, pages < 1 { throw Refusal(field: "source.url.crawl.max_pages", "must be at least 1") }
            return (.url, web.url)
        }
        let git = source.git!
        do {
            _ = try await GitSourcePolicy(allowPrivate: configuration.allowPrivateURLs).checkedRemote(git.repoURL)
        } catch let failure as IngestionJobRunner.Failure {
            throw Refusal(field: "source.git.repo_url", failure.description)
        }
        return (.git, git.repoURL)
    }

    /// A staged file must be a regular file directly inside the staging folder: nothing else
    /// on the machine can be read (or deleted) through a submit.
    private func checkStaged(_ file: IngestSource.File) throws {
        let staging = URL(fileURLWithPath: configuration.stagingDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        let staged = URL(fileURLWithPath: file.stagedPath).standardizedFileURL.resolvingSymlinksInPath()
        guard staged.deletingLastPathComponent().path == staging else {
            throw Refusal(field: "source.file.staged_path", "must be a file in the staging folder \(configuration.stagingDirectory)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: staged.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw Refusal(field: "source.file.staged_path", "does not exist")
        }
        guard !file.fileName.isEmpty else { throw Refusal(field: "source.file.file_name", "must not be empty") }
    }

    /// A source refused at submit: `bad_request` naming the field.
    struct Refusal: Error {
        var field: String
        var message: String
        init(field: String, _ message: String) {
            self.field = field
            self.message = message
        }

        var wireError: WireError { .badRequest("\(field): \(message)", details: ["field": .string("params.\(field)")]) }
    }
}
