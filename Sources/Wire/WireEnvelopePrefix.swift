import NIOCore

/// Reads the canonical start of an envelope, `{"v":1,"id":7,"method":"users.get",…` or
/// `{"v":1,"id":7,"result":…`, without a JSON parse.
///
/// Every Wire peer of ours writes envelopes in this key order, so each frame is parsed once,
/// straight into its typed form. Anything else (other key order, escapes, an error response)
/// returns nil and takes the general path, which parses the head first.
enum WireEnvelopePrefix {
    private static let start = Array(#"{"v":1,"id":"#.utf8)
    private static let methodKey = Array(#","method":""#.utf8)
    private static let resultKey = Array(#","result":"#.utf8)

    /// The id and method of a request in canonical form.
    static func request(_ frame: ByteBuffer) -> (id: UInt64, method: String)? {
        frame.withUnsafeReadableBytes { bytes -> (UInt64, String)? in
            var index = 0
            guard match(start, in: bytes, at: &index), let id = integer(in: bytes, at: &index),
                match(methodKey, in: bytes, at: &index)
            else { return nil }
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), index > nameStart else { return nil }
            return (id, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self))
        }
    }

    /// The id of a successful response in canonical form.
    static func successResponse(_ frame: ByteBuffer) -> UInt64? {
        frame.withUnsafeReadableBytes { bytes -> UInt64? in
            var index = 0
            guard match(start, in: bytes, at: &index), let id = integer(in: bytes, at: &index),
                match(resultKey, in: bytes, at: &index)
            else { return nil }
            return id
        }
    }

    private static func match(_ expected: [UInt8], in bytes: UnsafeRawBufferPointer, at index: inout Int) -> Bool {
        guard bytes.count - index >= expected.count else { return false }
        for (offset, byte) in expected.enumerated() where bytes[index + offset] != byte {
            return false
        }
        index += expected.count
        return true
    }

    private static func integer(in bytes: UnsafeRawBufferPointer, at index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        let first = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        // JSON forbids leading zeros; such input takes the general path and its verdict.
        guard index > first, !(bytes[first] == UInt8(ascii: "0") && index - first > 1) else { return nil }
        return value
    }
}
