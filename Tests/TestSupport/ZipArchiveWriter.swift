import CZlib
import Foundation

/// Builds zip archives in memory for tests: files stored or deflated, and symbolic links,
/// written the way common zip tools write them (UTF-8 names, Unix modes, no data descriptors).
public struct ZipArchiveWriter {
    public enum Kind {
        case file
        case symbolicLink
    }

    private var body = Data()
    private var directory = Data()
    private var count = 0

    public init() {}

    /// Adds `content` under `path`; deflated unless `stored`.
    public mutating func add(_ path: String, _ content: Data, stored: Bool = false, kind: Kind = .file) {
        let name = Data(path.utf8)
        let packed = stored ? content : Self.deflate(content)
        let crc = content.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count))) }
        let method: UInt16 = stored ? 0 : 8
        let offset = UInt32(body.count)
        // Local header: signature, version 2.0, UTF-8 flag, method, time, date (1980-01-01),
        // CRC, sizes, name length, no extra field.
        body.append(le: 0x0403_4b50 as UInt32, 20 as UInt16, 0x0800 as UInt16, method, 0 as UInt16, 0x21 as UInt16)
        body.append(le: crc, UInt32(packed.count), UInt32(content.count), UInt16(name.count), 0 as UInt16)
        body.append(name)
        body.append(packed)
        // Central record: made by Unix (3) so the upper external attributes hold the mode.
        let mode: UInt32 = kind == .file ? 0o100644 : 0o120777
        directory.append(le: 0x0201_4b50 as UInt32, (3 << 8 | 20) as UInt16, 20 as UInt16, 0x0800 as UInt16, method, 0 as UInt16, 0x21 as UInt16)
        directory.append(le: crc, UInt32(packed.count), UInt32(content.count), UInt16(name.count), 0 as UInt16, 0 as UInt16)
        directory.append(le: 0 as UInt16, 0 as UInt16, mode << 16, offset)
        directory.append(name)
        count += 1
    }

    /// The archive: entries, central directory, end record.
    public var data: Data {
        var archive = body
        archive.append(directory)
        archive.append(le: 0x0605_4b50 as UInt32, 0 as UInt16, 0 as UInt16, UInt16(count), UInt16(count))
        archive.append(le: UInt32(directory.count), UInt32(body.count), 0 as UInt16)
        return archive
    }

    /// Raw deflate, as zip's method 8 stores it.
    static func deflate(_ content: Data) -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { fatalError("zlib refused to start deflating") }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(content.count))))
        let written = content.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                guard CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END else { fatalError("zlib did not finish deflating") }
                return target.count - Int(stream.avail_out)
            }
        }
        output.count = written
        return output
    }
}

extension Data {
    /// Appends fixed-width integers little-endian, as zip writes every field.
    fileprivate mutating func append<each Integer: FixedWidthInteger>(le values: repeat each Integer) {
        for value in repeat each values {
            Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
        }
    }
}
