import Foundation
import IngestService
import Testing

@Suite("Extraction: source text decoding")
struct ExtractionDecodingTests {
    static let russian = "Привет, мир! Съешь же ещё этих мягких французских булок, да выпей чаю. Ёлка — «ёж»."

    @Test("UTF-8 with and without a byte order mark")
    func utf8() throws {
        let plain = Data(Self.russian.utf8)
        #expect(try SourceTextDecoding.decode(plain) == Self.russian)
        #expect(try SourceTextDecoding.decode(Data([0xEF, 0xBB, 0xBF]) + plain) == Self.russian)
    }

    @Test("UTF-16 little and big endian with a byte order mark")
    func utf16() throws {
        let text = "Résumé — naïve 日本語 and Привет 🎉"
        var little = Data([0xFF, 0xFE])
        var big = Data([0xFE, 0xFF])
        for unit in text.utf16 {
            little.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
            big.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)])
        }
        #expect(try SourceTextDecoding.decode(little) == text)
        #expect(try SourceTextDecoding.decode(big) == text)
    }

    @Test("Windows-1251 Russian text is recognised")
    func windows1251() throws {
        // Encoded by hand: the code page maps А…я to 0xC0…0xFF, Ё/ё to 0xA8/0xB8, «» to 0xAB/0xBB, — to 0x97.
        let encoded = Self.russian.unicodeScalars.map { scalar -> UInt8 in
            switch scalar.value {
            case 0x0410...0x044F: UInt8(scalar.value - 0x0410 + 0xC0)
            case 0x0401: 0xA8
            case 0x0451: 0xB8
            case 0x00AB: 0xAB
            case 0x00BB: 0xBB
            case 0x2014: 0x97
            default: UInt8(scalar.value)
            }
        }
        #expect(try SourceTextDecoding.decode(Data(encoded)) == Self.russian)
    }

    @Test("Windows-1251 as Foundation encodes it")
    func windows1251FromFoundation() throws {
        let text = "Инструкция по установке: скачайте архив и распакуйте его."
        let encoded = try #require(text.data(using: .windowsCP1251))
        #expect(try SourceTextDecoding.decode(encoded) == text)
    }

    @Test("binary data and odd UTF-16 are refused")
    func binary() throws {
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(throws: ExtractionError.undecodableText) { try SourceTextDecoding.decode(random) }
        #expect(throws: ExtractionError.undecodableText) { try SourceTextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0x08])) }
        #expect(throws: ExtractionError.undecodableText) { try SourceTextDecoding.decode(Data([0xFF, 0xFE, 0x41])) }
        // Latin-1 accents are not Cyrillic: not guessed as Windows-1251.
        #expect(throws: ExtractionError.undecodableText) {
            try SourceTextDecoding.decode(Data("caf\u{E9} na\u{EF}ve \u{E0} la carte".unicodeScalars.map { UInt8($0.value) }))
        }
    }

    @Test("empty data is empty text")
    func empty() throws {
        #expect(try SourceTextDecoding.decode(Data()) == "")
    }
}
