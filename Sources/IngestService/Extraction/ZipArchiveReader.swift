import Foundation

/// Reads a zip archive safely: the central directory is checked against ``ArchiveLimits``
/// when the archive is opened, so a zip bomb fails before a byte is inflated; entries whose
/// paths could escape a folder (zip slip), symbolic links and duplicates are listed as refused
/// and can never be read; an entry is read into memory only, never written anywhere, with a
/// hard cap at its declared size, so an archive that lies about its sizes fails too.
///
/// Stored and deflated entries are read (what zip tools and Office write); an encrypted entry
/// or another compression method fails as that one entry.
public struct ZipArchiveReader: Sendable {
    /// The regular files that may be read, in path order (stable across runs, so a resumed
    /// job can skip the ones it finished).
    public let entries: [ZipArchiveEntry]
    /// Entries that are never read, in archive order.
    public let refusedEntries: [RefusedArchiveEntry]
    public let limits: ArchiveLimits
    private let bytes: ZipBytes
    private let records: [ZipCentralDirectory.Record]

    /// Opens the zip file at `path` (mapped, not copied, into memory) and checks its central directory.
    public init(path: String, limits: ArchiveLimits = ArchiveLimits()) throws(ArchiveError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(error.localizedDescription)
        }
        try self.init(data: data, limits: limits)
    }

    /// Opens a zip archive held in memory (a `.docx`, a small upload) and checks it.
    public init(data: Data, limits: ArchiveLimits = ArchiveLimits()) throws(ArchiveError) {
        bytes = ZipBytes(data: data)
        records = try ZipCentralDirectory(bytes, maxEntries: limits.maxEntries).records
        self.limits = limits
        var accepted: [ZipArchiveEntry] = []
        var refused: [RefusedArchiveEntry] = []
        var seenPaths: Set<String> = []
        var totalDeclared = 0
        for (ordinal, record) in records.enumerated() {
            if record.isDirectory { continue }
            if record.isSymbolicLink {
                refused.append(RefusedArchiveEntry(path: record.path, reason: .symbolicLink))
                continue
            }
            let path: String
            switch ArchiveEntryPath.check(record.path) {
            case .accepted(let normalised):
                path = normalised
            case .refused(let reason):
                refused.append(RefusedArchiveEntry(path: record.path, reason: reason))
                continue
            }
            guard seenPaths.insert(path).inserted else {
                refused.append(RefusedArchiveEntry(path: record.path, reason: .duplicatePath))
                continue
            }
            let declared = record.uncompressedSize
            let compressed = record.compressedSize
            if declared > limits.ratioCheckThreshold, declared / max(compressed, 1) > limits.maxCompressionRatio {
                throw .compressionRatioTooHigh(path: path, ratio: declared / max(compressed, 1), limit: limits.maxCompressionRatio)
            }
            totalDeclared = totalDeclared.addingReportingOverflow(declared).partialValue
            if totalDeclared > limits.maxTotalBytes || totalDeclared < 0 {
                throw .tooLarge(declaredBytes: totalDeclared < 0 ? Int.max : totalDeclared, limit: limits.maxTotalBytes)
            }
            accepted.append(ZipArchiveEntry(path: path, uncompressedSize: declared, compressedSize: compressed, ordinal: ordinal))
        }
        if totalDeclared > limits.ratioCheckThreshold, totalDeclared / max(data.count, 1) > limits.maxCompressionRatio {
            throw .compressionRatioTooHigh(path: nil, ratio: totalDeclared / max(data.count, 1), limit: limits.maxCompressionRatio)
        }
        entries = accepted.sorted { $0.path < $1.path }
        refusedEntries = refused
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
        guard records.indices.contains(entry.ordinal) else { throw .corruptEntry(path: entry.path) }
        let record = records[entry.ordinal]
        guard !record.isEncrypted, record.method == 0 || record.method == 8 else { throw .corruptEntry(path: entry.path) }
        let compressed: Data
        do {
            compressed = try bytes.slice(at: try dataOffset(of: record), count: record.compressedSize)
        } catch {
            throw .corruptEntry(path: entry.path)
        }
        let cap = entry.uncompressedSize
        let content: Data
        if record.method == 0 {
            guard compressed.count <= cap else { throw .entryLargerThanDeclared(path: entry.path, declaredBytes: cap) }
            content = compressed
        } else {
            do {
                content = try ZipInflater.inflate(compressed, limit: cap)
            } catch .overflow {
                throw .entryLargerThanDeclared(path: entry.path, declaredBytes: cap)
            } catch {
                throw .corruptEntry(path: entry.path)
            }
        }
        guard content.count == cap, ZipInflater.crc32(content) == record.crc32 else { throw .corruptEntry(path: entry.path) }
        return content
    }

    /// Where an entry's data starts: after its local header, whose name and extra field may
    /// differ in length from the central directory's.
    private func dataOffset(of record: ZipCentralDirectory.Record) throws(ArchiveError) -> Int {
        let header = record.localHeaderOffset
        guard try bytes.uint32(at: header) == ZipCentralDirectory.localHeaderSignature else {
            throw .unreadable("no local header")
        }
        return header + 30 + Int(try bytes.uint16(at: header + 26)) + Int(try bytes.uint16(at: header + 28))
    }
}
