import Foundation

/// The polling offset on disk (`<data dir>/bot-edge/offset`): the id of the next update to
/// ask Telegram for. Written atomically (temp file, then rename) after each update is
/// handled, so a restart resumes exactly after the last handled update.
public actor OffsetStore {
    let path: String
    private var current: Int64?

    public init(directory: String) {
        path = (directory as NSString).appendingPathComponent("offset")
    }

    /// The stored offset, or nil on a first start.
    public func load() -> Int64? {
        if let current { return current }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        current = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        return current
    }

    /// Moves the offset forward (never back) and writes it.
    public func advance(to offset: Int64) throws {
        if let current, offset <= current { return }
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("\(offset)\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        current = offset
    }
}
