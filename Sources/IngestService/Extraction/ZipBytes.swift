import Foundation

/// An archive's bytes, read little-endian with every access checked: a damaged or hostile
/// archive gets an `unreadable` error, never a trap.
struct ZipBytes: Sendable {
    let data: Data

    var count: Int { data.count }

    func uint16(at offset: Int) throws(ArchiveError) -> UInt16 {
        UInt16(try int(at: offset, width: 2))
    }

    func uint32(at offset: Int) throws(ArchiveError) -> UInt32 {
        UInt32(try int(at: offset, width: 4))
    }

    /// A little-endian unsigned integer of `width` bytes; 8-byte values over `Int.max` fail.
    func int(at offset: Int, width: Int) throws(ArchiveError) -> Int {
        guard offset >= 0, offset <= count - width else { throw .unreadable("a field past the end of the file") }
        var value: UInt64 = 0
        let start = data.startIndex + offset
        for index in (0..<width).reversed() {
            value = value << 8 | UInt64(data[start + index])
        }
        guard value <= UInt64(Int.max) else { throw .unreadable("a size or offset out of range") }
        return Int(value)
    }

    func slice(at offset: Int, count length: Int) throws(ArchiveError) -> Data {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw .unreadable("a field past the end of the file")
        }
        return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + length))
    }
}
