import Foundation
import Subprocess

/// A shallow clone of one repository at one ref, made with `git clone --depth 1` under a
/// time limit and a size limit, in a folder of the task's own.
struct GitCheckout: Sendable {
    /// Where the working tree is.
    let directory: String
    /// The commit checked out (full hash).
    let commit: String

    /// Why a clone did not happen; the text is for the person who submitted the task.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Clones `remote` at `ref` (the default branch when nil) into `directory`, which must not
    /// exist. Fails when git fails, after `timeout`, or once the checkout passes `maxBytes`.
    static func clone(
        _ remote: GitRemote, ref: String?, into directory: String, timeout: Duration, maxBytes: Int64, allowLocal: Bool
    ) async throws -> GitCheckout {
        let protocols = allowLocal ? "https:http:file" : "https:http"
        let environment = Environment.inherit.updating([
            "GIT_TERMINAL_PROMPT": "0", "GIT_ALLOW_PROTOCOL": protocols, "GIT_LFS_SKIP_SMUDGE": "1",
        ])
        let arguments = Arguments(cloneArguments(remote, ref: ref, into: directory, allowLocal: allowLocal))
        let outcome = try await withThrowingTaskGroup(of: CloneEnd.self) { group in
            group.addTask {
                let result = try await run(
                    .name("git"), arguments: arguments, environment: environment, output: .discarded, error: .string(limit: 64 * 1024)
                )
                if case .exited(0) = result.terminationStatus { return .cloned }
                let message = result.standardError.split(separator: "\n").last.map(String.init) ?? "\(result.terminationStatus)"
                return .failed(message)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .timedOut
            }
            group.addTask {
                // The size limit is watched while git writes, so a huge repository stops early.
                while true {
                    try await Task.sleep(for: .milliseconds(500))
                    if Self.size(of: directory) > maxBytes { return .tooLarge }
                }
            }
            defer { group.cancelAll() }
            return try await group.next() ?? .timedOut
        }
        switch outcome {
        case .cloned: break
        case .failed(let message): throw Failure(description: "git clone failed: \(message)")
        case .timedOut: throw Failure(description: "git clone took longer than \(timeout.components.seconds) s")
        case .tooLarge: throw Failure(description: "the repository is larger than \(maxBytes) bytes (INGEST_GIT_MAX_BYTES)")
        }
        if size(of: directory) > maxBytes {
            throw Failure(description: "the repository is larger than \(maxBytes) bytes (INGEST_GIT_MAX_BYTES)")
        }
        let head = try await run(
            .name("git"), arguments: ["-C", directory, "rev-parse", "HEAD"], environment: environment, output: .string(limit: 4096),
            error: .discarded)
        let commit = head.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        guard case .exited(0) = head.terminationStatus, !commit.isEmpty else {
            throw Failure(description: "git rev-parse HEAD failed after the clone")
        }
        return GitCheckout(directory: directory, commit: commit)
    }

    /// The arguments of `git clone`: a shallow clone of one branch; `file://` only when local
    /// repositories are allowed; no redirects, since one could lead to a host or port that was
    /// never checked; no proxy, which would look the name up itself; and the remote's pinned
    /// address, so git connects where the check looked instead of resolving the name again.
    static func cloneArguments(_ remote: GitRemote, ref: String?, into directory: String, allowLocal: Bool) -> [String] {
        var arguments = [
            "-c", "protocol.file.allow=\(allowLocal ? "always" : "never")", "-c", "http.followRedirects=false", "-c", "http.proxy=",
        ]
        arguments += remote.pinningArguments
        arguments += ["clone", "--depth", "1", "--single-branch", "--no-tags"]
        if let ref {
            arguments += ["--branch", ref]
        }
        return arguments + ["--", remote.url, directory]
    }

    private enum CloneEnd: Sendable {
        case cloned, failed(String), timedOut, tooLarge
    }

    /// The regular files of the working tree (no `.git`, no symlinks), as sorted relative paths.
    func files() -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [])
        else { return [] }
        var paths: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if url.lastPathComponent == ".git" {
                enumerator.skipDescendants()
                continue
            }
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            paths.append(String(full.dropFirst(prefix.count)))
        }
        return paths.sorted()
    }

    /// Bytes under `path`, counting regular files only.
    static func size(of path: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        while let name = enumerator.nextObject() as? String {
            if let attributes = enumerator.fileAttributes, attributes[.type] as? FileAttributeType == .typeRegular {
                total += (attributes[.size] as? NSNumber)?.int64Value ?? 0
            }
            _ = name
        }
        return total
    }
}
