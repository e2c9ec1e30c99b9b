import CZlib
import Foundation

/// Raw deflate (zip method 8) through the system's zlib, with a hard cap on the output, and
/// zip's CRC-32.
enum ZipInflater {
    enum Failure: Error {
        /// The stream produced more than the cap.
        case overflow
        /// Not a valid deflate stream, or it ends early.
        case corrupt
    }

    /// `input` inflated to at most `limit` bytes.
    static func inflate(_ input: Data, limit: Int) throws(Failure) -> Data {
        // One byte of room past the cap tells a stream that is exactly `limit` long from one
        // that would go on.
        guard input.count < Int(uInt.max), limit < Int(uInt.max) else { throw .corrupt }
        var output = Data(count: limit + 1)
        let produced: Result<Int, Failure> = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                var stream = z_stream()
                guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                    return .failure(.corrupt)
                }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                let status = CZlib.inflate(&stream, Z_FINISH)
                let written = target.count - Int(stream.avail_out)
                switch status {
                case Z_STREAM_END: return written > limit ? .failure(.overflow) : .success(written)
                case Z_BUF_ERROR where stream.avail_out == 0, Z_OK where stream.avail_out == 0: return .failure(.overflow)
                default: return .failure(.corrupt)
                }
            }
        }
        output.count = try produced.get()
        return output
    }

    /// The CRC-32 zip stores for each entry.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { bytes in
            UInt32(CZlib.crc32(0, bytes.bindMemory(to: Bytef.self).baseAddress, uInt(bytes.count)))
        }
    }
}
