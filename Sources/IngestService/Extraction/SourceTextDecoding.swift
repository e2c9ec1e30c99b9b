import Foundation

/// Turns the bytes of a text file into a `String`, recognising the encodings our users' files
/// come in: UTF-8 (with or without a byte order mark), UTF-16 little or big endian with a byte
/// order mark, and Windows-1251, which older Russian files still use. Anything else, and
/// anything that looks like binary data, is refused rather than indexed as garbage.
public enum SourceTextDecoding {
    /// The share of control characters (other than tab, line feed, form feed and carriage
    /// return) above which decoded "text" is taken for binary data.
    static let maxControlShare = 0.01
    /// The share of bytes above 0x7F that must be Cyrillic letters for invalid UTF-8 to be
    /// read as Windows-1251; random binary data has about half.
    static let minCyrillicShare = 0.75
    /// The share of all letters that must be Cyrillic, so that Latin-1 text with a few
    /// accented letters (which land on Cyrillic code points) is not mistaken for Russian.
    static let minCyrillicLetterShare = 0.2

    public static func decode(_ data: Data) throws(ExtractionError) -> String {
        let bytes = [UInt8](data)
        let text: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let decoded = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw .undecodableText }
            text = decoded
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            text = try decodeUTF16(bytes.dropFirst(2), bigEndian: false)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = try decodeUTF16(bytes.dropFirst(2), bigEndian: true)
        } else if let decoded = String(validating: bytes, as: UTF8.self) {
            text = decoded
        } else if looksLikeWindows1251(bytes) {
            text = WindowsCyrillicEncoding.decode(bytes)
        } else {
            throw .undecodableText
        }
        guard looksLikeText(text) else { throw .undecodableText }
        return text
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws(ExtractionError) -> String {
        guard bytes.count.isMultiple(of: 2) else { throw .undecodableText }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else { throw .undecodableText }
        return text
    }

    /// Whether bytes that are not UTF-8 read as Russian (or other Cyrillic) text in Windows-1251.
    static func looksLikeWindows1251(_ bytes: [UInt8]) -> Bool {
        var high = 0
        var cyrillic = 0
        var latin = 0
        for byte in bytes {
            guard byte >= 0x80 else {
                if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { latin += 1 }
                continue
            }
            high += 1
            if WindowsCyrillicEncoding.isLetter(byte) { cyrillic += 1 }
            if byte == 0x98 { return false }  // unassigned in Windows-1251
        }
        guard high > 0 else { return false }
        return Double(cyrillic) >= minCyrillicShare * Double(high)
            && Double(cyrillic) >= minCyrillicLetterShare * Double(cyrillic + latin)
    }

    /// Whether decoded text is text and not binary data that happened to decode: few control
    /// characters, and no NUL at all in the first part.
    static func looksLikeText(_ text: String) -> Bool {
        var total = 0
        var control = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0x09, 0x0A, 0x0C, 0x0D: break
            case 0x00: return false
            case 0x01...0x1F, 0x7F: control += 1
            default: break
            }
        }
        return Double(control) <= maxControlShare * Double(max(total, 1))
    }
}
