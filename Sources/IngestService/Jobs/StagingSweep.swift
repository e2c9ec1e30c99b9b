import Foundation

/// Removes old files from the staging folder: uploads of failed tasks nobody retried, and
/// partial uploads of a gateway that died mid-request. Files of queued or running tasks stay,
/// whatever their age. Run once at start.
struct StagingSweep: Sendable {
    let directory: String
    /// Files older than this go (a failed upload can be retried until then).
    let maxAge: TimeInterval

    /// Removes what is old and unused; returns how many files went.
    @discardableResult
    func run(keeping inUse: Set<String>, now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard !inUse.contains(path),
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) > maxAge
            else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
        }
        return removed
    }
}
