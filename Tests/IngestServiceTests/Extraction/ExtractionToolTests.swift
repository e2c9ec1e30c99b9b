import Foundation
import IngestService
import Testing

@Suite("Extraction: pdftotext as a child process")
struct ExtractionToolTests {
    /// A stand-in for pdftotext: a shell script with `body`, in a fresh folder.
    func fakeTool(_ body: String) throws -> (folder: String, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-tool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/pdftotext"
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (folder, path)
    }

    @Test("a pdftotext that hangs is stopped at the time limit")
    func timeout() async throws {
        let tool = try fakeTool("sleep 30")
        defer { try? FileManager.default.removeItem(atPath: tool.folder) }
        let extractor = DocumentExtractor(pdftotextPath: tool.path, pdfTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect {
            try await extractor.extract(ExtractionFixtures.pdf(pages: ["x"]), fileName: "slow.pdf", mime: nil)
        } throws: { error in
            guard case .tooLarge(let reason)? = error as? ExtractionError else { return false }
            return reason.contains("did not finish")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a failing pdftotext reports its exit status and first error line")
    func failure() async throws {
        let tool = try fakeTool("echo 'Syntax Error: broken xref' >&2\necho more >&2\nexit 3")
        defer { try? FileManager.default.removeItem(atPath: tool.folder) }
        let extractor = DocumentExtractor(pdftotextPath: tool.path)
        await #expect(throws: ExtractionError.malformed("pdftotext failed (exit status 3) Syntax Error: broken xref")) {
            try await extractor.extract(ExtractionFixtures.pdf(pages: ["x"]), fileName: "bad.pdf", mime: nil)
        }
    }
}
