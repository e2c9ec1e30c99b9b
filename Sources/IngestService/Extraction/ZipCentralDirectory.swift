import Foundation

/// The records of a zip archive's central directory (PKWARE APPNOTE 6.3, zip64 included),
/// read with every offset and length checked against the archive's bytes, before any policy
/// is applied. Nothing here inflates or trusts a size; ``ZipArchiveReader`` decides what may
/// be read.
struct ZipCentralDirectory {
    /// One file, directory or link as the central directory lists it.
    struct Record: Sendable {
        var path: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var isDirectory: Bool
        var isSymbolicLink: Bool

        /// Bit 0 of the flags: the entry is encrypted, which nothing here can read.
        var isEncrypted: Bool { flags & 1 != 0 }
    }

    let records: [Record]

    private static let endSignature: UInt32 = 0x0605_4b50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    private static let zip64EndSignature: UInt32 = 0x0606_4b50
    private static let recordSignature: UInt32 = 0x0201_4b50
    static let localHeaderSignature: UInt32 = 0x0403_4b50

    /// Reads the directory of `bytes`; an archive listing more than `maxEntries` records fails
    /// before they are read.
    init(_ bytes: ZipBytes, maxEntries: Int) throws(ArchiveError) {
        let end = try Self.findEnd(in: bytes)
        var count = Int(try bytes.uint16(at: end + 10))
        var size = Int(try bytes.uint32(at: end + 12))
        var offset = Int(try bytes.uint32(at: end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            (count, size, offset) = try Self.zip64End(in: bytes, before: end)
        }
        guard count <= maxEntries else { throw .tooManyEntries(limit: maxEntries) }
        guard offset >= 0, size >= 0, offset <= bytes.count, size <= bytes.count - offset else {
            throw .unreadable("the central directory lies outside the file")
        }
        var records: [Record] = []
        records.reserveCapacity(count)
        var position = offset
        for _ in 0..<count {
            let (record, next) = try Self.record(in: bytes, at: position)
            records.append(record)
            position = next
        }
        self.records = records
    }

    /// The end-of-central-directory record: 22 bytes, then a comment of up to 65,535 bytes.
    private static func findEnd(in bytes: ZipBytes) throws(ArchiveError) -> Int {
        guard bytes.count >= 22 else { throw .unreadable("too short to be a zip file") }
        let earliest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= earliest {
            if (try? bytes.uint32(at: position)) == endSignature,
                let commentLength = try? bytes.uint16(at: position + 20), position + 22 + Int(commentLength) == bytes.count
            {
                return position
            }
            position -= 1
        }
        throw .unreadable("no end of central directory record")
    }

    /// Count, size and offset from the zip64 end record, found through its locator.
    private static func zip64End(in bytes: ZipBytes, before end: Int) throws(ArchiveError) -> (Int, Int, Int) {
        let locator = end - 20
        guard locator >= 0, try bytes.uint32(at: locator) == zip64LocatorSignature else {
            throw .unreadable("a zip64 archive without its zip64 locator")
        }
        let record = try bytes.int(at: locator + 8, width: 8)
        guard try bytes.uint32(at: record) == zip64EndSignature else { throw .unreadable("a damaged zip64 end record") }
        return (try bytes.int(at: record + 32, width: 8), try bytes.int(at: record + 40, width: 8), try bytes.int(at: record + 48, width: 8))
    }

    /// The record at `position` and where the next one starts.
    private static func record(in bytes: ZipBytes, at position: Int) throws(ArchiveError) -> (Record, Int) {
        guard try bytes.uint32(at: position) == recordSignature else {
            throw .unreadable("a damaged central directory record at byte \(position)")
        }
        let madeBy = try bytes.uint16(at: position + 4)
        let flags = try bytes.uint16(at: position + 8)
        let method = try bytes.uint16(at: position + 10)
        let crc32 = try bytes.uint32(at: position + 16)
        var compressedSize = Int(try bytes.uint32(at: position + 20))
        var uncompressedSize = Int(try bytes.uint32(at: position + 24))
        let nameLength = Int(try bytes.uint16(at: position + 28))
        let extraLength = Int(try bytes.uint16(at: position + 30))
        let commentLength = Int(try bytes.uint16(at: position + 32))
        let externalAttributes = try bytes.uint32(at: position + 38)
        var localHeaderOffset = Int(try bytes.uint32(at: position + 42))
        let nameStart = position + 46
        let name = try bytes.slice(at: nameStart, count: nameLength)

        // Sizes and offset too big for 32 bits are in the zip64 extra field, in this order.
        var extra = nameStart + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let id = try bytes.uint16(at: extra)
            let length = Int(try bytes.uint16(at: extra + 2))
            if id == 0x0001 {
                // Each value is read only from within this field (and this record's extra
                // data), never from whatever follows it.
                let fieldEnd = min(extra + 4 + length, extraEnd)
                var field = extra + 4
                func next() throws(ArchiveError) -> Int {
                    guard field + 8 <= fieldEnd else { throw .unreadable("a zip64 extra field shorter than its sizes") }
                    defer { field += 8 }
                    return try bytes.int(at: field, width: 8)
                }
                if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try next() }
                if compressedSize == 0xFFFF_FFFF { compressedSize = try next() }
                if localHeaderOffset == 0xFFFF_FFFF { localHeaderOffset = try next() }
            }
            extra += 4 + length
        }

        let path = Self.decodeName(name, isUTF8: flags & 0x0800 != 0)
        // Unix hosts (3) keep the file mode in the upper half of the external attributes.
        let mode = madeBy >> 8 == 3 ? (externalAttributes >> 16) & 0o170000 : 0
        let record = Record(
            path: path, flags: flags, method: method, crc32: crc32, compressedSize: compressedSize, uncompressedSize: uncompressedSize,
            localHeaderOffset: localHeaderOffset, isDirectory: path.hasSuffix("/") || mode == 0o040000, isSymbolicLink: mode == 0o120000)
        return (record, extraEnd + commentLength)
    }

    /// UTF-8 when flagged or valid as such (most tools write UTF-8 without the flag); else
    /// Latin-1, which keeps ASCII names and extensions intact.
    private static func decodeName(_ bytes: Data, isUTF8: Bool) -> String {
        if let text = String(bytes: bytes, encoding: .utf8) { return text }
        if isUTF8 { return String(decoding: bytes, as: UTF8.self) }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
