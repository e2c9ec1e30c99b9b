import Foundation
import IngestService
import ServiceSupport
import TestSupport
import Testing

@Suite("Extraction: zip archives")
struct ExtractionArchiveTests {
    @Test("entries are listed in path order and read back exactly")
    func readsEntries() throws {
        let data = try ExtractionFixtures.zip([
            ("docs/b.md", Data("# B\n".utf8)),
            ("a.txt", Data(String(repeating: "hello ", count: 1000).utf8)),
            ("./docs//c.html", Data("<p>c</p>".utf8)),
        ])
        let reader = try ZipArchiveReader(data: data)
        #expect(reader.entries.map(\.path) == ["a.txt", "docs/b.md", "docs/c.html"])
        #expect(reader.refusedEntries.isEmpty)
        let text = try reader.read(try #require(reader.entry(at: "a.txt")))
        #expect(text == Data(String(repeating: "hello ", count: 1000).utf8))
        #expect(try reader.read(reader.entries[2]) == Data("<p>c</p>".utf8))
    }

    @Test("zip slip: absolute paths and .. parts are refused and cannot be read")
    func zipSlip() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("slip.zip")
        try ExtractionFixtures.zip([
            ("../evil.txt", Data("evil".utf8)),
            ("docs/../../evil2.txt", Data("evil".utf8)),
            ("/etc/evil.txt", Data("evil".utf8)),
            ("C:\\evil.txt", Data("evil".utf8)),
            ("__MACOSX/._good.txt", Data("meta".utf8)),
            ("good.txt", Data("good".utf8)),
            ("good.txt", Data("again".utf8)),
        ]).write(to: URL(fileURLWithPath: path))
        let reader = try ZipArchiveReader(path: path)
        #expect(reader.entries.map(\.path) == ["good.txt"])
        #expect(try reader.read(reader.entries[0]) == Data("good".utf8))
        #expect(
            reader.refusedEntries == [
                RefusedArchiveEntry(path: "../evil.txt", reason: .parentDirectory),
                RefusedArchiveEntry(path: "docs/../../evil2.txt", reason: .parentDirectory),
                RefusedArchiveEntry(path: "/etc/evil.txt", reason: .absolutePath),
                RefusedArchiveEntry(path: "C:\\evil.txt", reason: .absolutePath),
                RefusedArchiveEntry(path: "__MACOSX/._good.txt", reason: .systemMetadata),
                RefusedArchiveEntry(path: "good.txt", reason: .duplicatePath),
            ])
        // Nothing was written next to the archive or above it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["slip.zip"])
        #expect(!FileManager.default.fileExists(atPath: (directory.path as NSString).deletingLastPathComponent + "/evil.txt"))
    }

    /// Archives made by another implementation (CPython's `zipfile`), so the reader is not
    /// only checked against the tests' own writer: deflated and stored entries, a zip64
    /// entry, a non-ASCII name, and one archive written to a pipe (sizes in data descriptors
    /// after each entry, zeros in the local headers).
    @Test("archives written by Python's zipfile, seekable and streamed, read back exactly")
    func otherWriters() throws {
        let directory = try TemporaryDirectory()
        let script = #"""
            import io, sys, zipfile
            class Pipe(io.RawIOBase):
                def __init__(self, sink): self.sink = sink
                def writable(self): return True
                def seekable(self): return False
                def write(self, b): self.sink.write(b); return len(b)
            def fill(z):
                z.writestr(zipfile.ZipInfo("docs/a.txt"), "alpha " * 3000, compress_type=zipfile.ZIP_DEFLATED)
                z.writestr("stored.md", "# Stored\n\nplain text\n", compress_type=zipfile.ZIP_STORED)
                with z.open("café.txt", "w", force_zip64=True) as entry: entry.write("ünïcode ".encode() * 500)
                z.writestr("empty/", "")
            with open(sys.argv[1], "wb") as f:
                with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z: fill(z)
            with open(sys.argv[2], "wb") as f:
                with zipfile.ZipFile(Pipe(f), "w", zipfile.ZIP_DEFLATED) as z: fill(z)
            """#
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, directory.file("seekable.zip"), directory.file("streamed.zip")]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)
        for name in ["seekable.zip", "streamed.zip"] {
            let reader = try ZipArchiveReader(path: directory.file(name))
            #expect(reader.entries.map(\.path) == ["café.txt", "docs/a.txt", "stored.md"], "\(name)")
            #expect(reader.refusedEntries.isEmpty)
            let texts = try reader.entries.map { String(decoding: try reader.read($0), as: UTF8.self) }
            #expect(texts == [String(repeating: "ünïcode ", count: 500), String(repeating: "alpha ", count: 3000), "# Stored\n\nplain text\n"])
        }
    }

    @Test("symbolic links are not listed as files")
    func symlinks() throws {
        var writer = ZipArchiveWriter()
        writer.add("link.txt", Data("/etc/passwd".utf8), stored: true, kind: .symbolicLink)
        let reader = try ZipArchiveReader(data: writer.data)
        #expect(reader.entries.isEmpty)
        #expect(reader.refusedEntries == [RefusedArchiveEntry(path: "link.txt", reason: .symbolicLink)])
    }

    @Test("a zip bomb (50 MB of zeros) fails when opened, before anything is inflated")
    func zipBomb() throws {
        let zeros = Data(count: 50 << 20)
        let bomb = try ExtractionFixtures.zip([("zeros.txt", zeros)])
        #expect(bomb.count < 1 << 20)
        #expect {
            try ZipArchiveReader(data: bomb)
        } throws: { error in
            guard case .compressionRatioTooHigh(let path, let ratio, 100)? = error as? ArchiveError else { return false }
            return path == "zeros.txt" && ratio > 100
        }
    }

    @Test("many small highly compressible entries trip the whole-archive ratio")
    func wholeArchiveRatio() throws {
        let files = (0..<8).map { ("part\($0).txt", Data(count: 900 << 10)) }
        let data = try ExtractionFixtures.zip(files)
        #expect {
            try ZipArchiveReader(data: data)
        } throws: { error in
            guard case .compressionRatioTooHigh(nil, _, 100)? = error as? ArchiveError else { return false }
            return true
        }
    }

    @Test("entry count and total size limits; settings are read")
    func limits() throws {
        let files = (0..<20).map { ("f\($0).txt", Data("file \($0)".utf8)) }
        let data = try ExtractionFixtures.zip(files, stored: true)
        #expect(throws: ArchiveError.tooManyEntries(limit: 10)) { try ZipArchiveReader(data: data, limits: ArchiveLimits(maxEntries: 10)) }
        #expect(throws: ArchiveError.tooLarge(declaredBytes: 67, limit: 64)) {
            try ZipArchiveReader(data: data, limits: ArchiveLimits(maxTotalBytes: 64))
        }
        // One entry over the per-file cap fails alone, when read; the others stay readable.
        let capped = try ZipArchiveReader(data: data, limits: ArchiveLimits(maxEntryBytes: 6))
        #expect(capped.entries.count == 20)
        #expect(try capped.read(try #require(capped.entry(at: "f1.txt"))) == Data("file 1".utf8))
        #expect(throws: ArchiveError.entryTooLarge(path: "f12.txt", declaredBytes: 7, limit: 6)) {
            try capped.read(try #require(capped.entry(at: "f12.txt")))
        }
        let limits = try ArchiveLimits(settings: Settings(["ARCHIVE_MAX_ENTRIES": "12", "ARCHIVE_MAX_BYTES": "4096"]))
        #expect(limits.maxEntries == 12 && limits.maxTotalBytes == 4096 && limits.maxCompressionRatio == 100)
        #expect(try ArchiveLimits(settings: Settings([:])) == ArchiveLimits())
    }

    @Test("an entry that inflates past its declared size stops at the cap")
    func lyingSizes() throws {
        let content = Data(String(repeating: "abcdefgh", count: 4096).utf8)
        var data = try ExtractionFixtures.zip([("liar.txt", content)])
        // Rewrite the declared uncompressed size (32768) to 100 in both headers.
        let declared: [UInt8] = [0x00, 0x80, 0x00, 0x00]
        let patched: [UInt8] = [100, 0, 0, 0]
        var patches = 0
        var index = data.startIndex
        while let range = data.range(of: Data(declared), in: index..<data.endIndex) {
            data.replaceSubrange(range, with: patched)
            index = range.upperBound
            patches += 1
        }
        #expect(patches == 2)
        let reader = try ZipArchiveReader(data: data)
        #expect(throws: ArchiveError.entryLargerThanDeclared(path: "liar.txt", declaredBytes: 100)) {
            try reader.read(reader.entries[0])
        }
    }

    @Test("damaged content fails its CRC check; a zip64 size field shorter than it claims is refused")
    func damage() throws {
        var writer = ZipArchiveWriter()
        writer.add("plain.txt", Data("The stored bytes of this entry are checked against its CRC.".utf8), stored: true)
        var data = writer.data
        let damaged = try #require(data.range(of: Data("stored bytes".utf8)))
        data[damaged.lowerBound] ^= 0x20
        let reader = try ZipArchiveReader(data: data)
        #expect(throws: ArchiveError.corruptEntry(path: "plain.txt")) { try reader.read(reader.entries[0]) }

        // A record whose sizes say "in the zip64 field" (0xFFFFFFFF) while its zip64 field
        // holds fewer bytes than that: the reader must not read past the field.
        var zip64 = ZipArchiveWriter()
        zip64.add("big.txt", Data("x".utf8), stored: true)
        var archive = zip64.data
        let record = try #require(archive.range(of: Data([0x50, 0x4b, 0x01, 0x02]))).lowerBound
        archive.replaceSubrange((record + 20)..<(record + 28), with: [UInt8](repeating: 0xFF, count: 8))
        // An extra field (id 1, 4 bytes long) in place of the 8 + 8 the two sizes need.
        let nameEnd = record + 46 + "big.txt".utf8.count
        archive.insert(contentsOf: [0x01, 0x00, 0x04, 0x00, 0, 0, 0, 0], at: nameEnd)
        archive[record + 30] = 8
        // The end record's central directory size grew by the 8 inserted bytes.
        let end = try #require(archive.range(of: Data([0x50, 0x4b, 0x05, 0x06]), options: .backwards)).lowerBound
        archive[end + 12] &+= 8
        #expect {
            try ZipArchiveReader(data: archive)
        } throws: { error in
            guard case .unreadable(let reason)? = error as? ArchiveError else { return false }
            return reason.contains("zip64")
        }
    }

    @Test("not a zip")
    func notAZip() {
        #expect {
            try ZipArchiveReader(data: Data("just text, not an archive".utf8))
        } throws: { error in
            guard case .unreadable? = error as? ArchiveError else { return false }
            return true
        }
    }
}
