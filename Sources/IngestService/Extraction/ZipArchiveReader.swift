import Foundation
import Synchronization
import ZIPFoundation

/// Reads a zip archive safely: the central directory is checked against ``ArchiveLimits``
/// when the archive is opened, so a zip bomb fails before a byte is inflated; entries whose
/// paths could escape a folder (zip slip), symbolic links and duplicates are listed as refused
/// and can never be read; an entry is read into memory only, never written anywhere, with a
/// hard cap at its declared size, so an archive that lies about its sizes fails too.
public struct ZipArchiveReader: Sendable {
    /// The regular files that may be read, in path order (stable across runs, so a resumed
    /// job can skip the ones it finished).
    public let entries: [ZipArchiveEntry]
    /// Entries that are never read, in archive order.
    public let refusedEntries: [RefusedArchiveEntry]
    public let limits: ArchiveLimits
    private let storage: Storage

    /// Opens the zip file at `path` and checks its central directory.
    public init(path: String, limits: ArchiveLimits = ArchiveLimits()) throws(ArchiveError) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .unreadable(String(describing: error))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let archiveBytes = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        try self.init(archive: archive, archiveBytes: archiveBytes, limits: limits)
    }

    /// Opens a zip archive held in memory (a `.docx`, a small upload) and checks it.
    public init(data: Data, limits: ArchiveLimits = ArchiveLimits()) throws(ArchiveError) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .unreadable(String(describing: error))
        }
        try self.init(archive: archive, archiveBytes: data.count, limits: limits)
    }

    private init(archive: sending Archive, archiveBytes: Int, limits: ArchiveLimits) throws(ArchiveError) {
        var accepted: [ZipArchiveEntry] = []
        var refused: [RefusedArchiveEntry] = []
        var seenPaths: Set<String> = []
        var zipEntries: [Entry] = []
        var totalDeclared = 0
        for entry in archive {
            guard zipEntries.count < limits.maxEntries else { throw .tooManyEntries(limit: limits.maxEntries) }
            let ordinal = zipEntries.count
            zipEntries.append(entry)
            let rawPath = entry.path
            if entry.type == .directory { continue }
            if entry.type == .symlink {
                refused.append(RefusedArchiveEntry(path: rawPath, reason: .symbolicLink))
                continue
            }
            let path: String
            switch ArchiveEntryPath.check(rawPath) {
            case .accepted(let normalised):
                path = normalised
            case .refused(let reason):
                refused.append(RefusedArchiveEntry(path: rawPath, reason: reason))
                continue
            }
            guard seenPaths.insert(path).inserted else {
                refused.append(RefusedArchiveEntry(path: rawPath, reason: .duplicatePath))
                continue
            }
            let declared = Int(clamping: entry.uncompressedSize)
            let compressed = Int(clamping: entry.compressedSize)
            if declared > limits.ratioCheckThreshold, declared / max(compressed, 1) > limits.maxCompressionRatio {
                throw .compressionRatioTooHigh(path: path, ratio: declared / max(compressed, 1), limit: limits.maxCompressionRatio)
            }
            totalDeclared = totalDeclared.addingReportingOverflow(declared).partialValue
            if totalDeclared > limits.maxTotalBytes || totalDeclared < 0 {
                throw .tooLarge(declaredBytes: totalDeclared < 0 ? Int.max : totalDeclared, limit: limits.maxTotalBytes)
            }
            accepted.append(ZipArchiveEntry(path: path, uncompressedSize: declared, compressedSize: compressed, ordinal: ordinal))
        }
        if totalDeclared > limits.ratioCheckThreshold, totalDeclared / max(archiveBytes, 1) > limits.maxCompressionRatio {
            throw .compressionRatioTooHigh(path: nil, ratio: totalDeclared / max(archiveBytes, 1), limit: limits.maxCompressionRatio)
        }
        entries = accepted.sorted { $0.path < $1.path }
        refusedEntries = refused
        self.limits = limits
        storage = Storage(Storage.State(archive: archive, entries: zipEntries))
    }

    /// The entry at `path` (as normalised in ``ZipArchiveEntry/path``), if it may be read.
    public func entry(at path: String) -> ZipArchiveEntry? {
        entries.first { $0.path == path }
    }

    /// The whole content of `entry`, inflated in memory and checked against its CRC-32.
    /// Fails as soon as more bytes come out than the entry declared.
    /// An entry over ``ArchiveLimits/maxEntryBytes`` is listed (so one big file fails as one
    /// item, not the whole archive) but fails here without being inflated.
    public func read(_ entry: ZipArchiveEntry) throws(ArchiveError) -> Data {
        guard entry.uncompressedSize <= limits.maxEntryBytes else {
            throw .entryTooLarge(path: entry.path, declaredBytes: entry.uncompressedSize, limit: limits.maxEntryBytes)
        }
        return try storage.read(entry).get()
    }

    /// The open archive, used by one reader at a time.
    private final class Storage: Sendable {
        struct State {
            var archive: Archive
            var entries: [Entry]
        }

        private let state: Mutex<State>

        init(_ state: sending State) {
            self.state = Mutex(state)
        }

        func read(_ entry: ZipArchiveEntry) -> Result<Data, ArchiveError> {
            state.withLock { state -> Result<Data, ArchiveError> in
                guard state.entries.indices.contains(entry.ordinal) else { return .failure(.corruptEntry(path: entry.path)) }
                let zipEntry = state.entries[entry.ordinal]
                let cap = entry.uncompressedSize
                var data = Data()
                data.reserveCapacity(min(cap, 1 << 20))
                do {
                    let checksum = try state.archive.extract(zipEntry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                        guard data.count + chunk.count <= cap else { throw EntryOverflow() }
                        data.append(chunk)
                    }
                    guard checksum == zipEntry.checksum, data.count == cap else { return .failure(.corruptEntry(path: entry.path)) }
                    return .success(data)
                } catch is EntryOverflow {
                    return .failure(.entryLargerThanDeclared(path: entry.path, declaredBytes: cap))
                } catch {
                    return .failure(.corruptEntry(path: entry.path))
                }
            }
        }
    }

    /// Thrown from the inflate callback to stop at the cap.
    private struct EntryOverflow: Error {}
}
