import Foundation

/// PDF through poppler's `pdftotext -layout -enc UTF-8`, run as a child process with a time
/// limit: one section per page (`page` set), offsets counted in pdftotext's output. A scanned
/// PDF without a text layer gives a document without sections.
struct PDFTextExtractor: Sendable {
    /// The most text we accept from one PDF.
    static let maxTextBytes = 64 << 20

    var executablePath: String?
    var timeout: Duration

    /// `pdftotext` at `configuredPath`, or found on `PATH` when that is `nil`.
    init(configuredPath: String?, timeout: Duration) {
        self.timeout = timeout
        if let configuredPath {
            executablePath = FileManager.default.isExecutableFile(atPath: configuredPath) ? configuredPath : nil
        } else {
            executablePath = Self.findOnPath("pdftotext")
        }
    }

    init(executablePath: String?, timeout: Duration) {
        self.executablePath = executablePath
        self.timeout = timeout
    }

    static func findOnPath(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func document(from data: Data) async throws(ExtractionError) -> ExtractedDocument {
        guard let executablePath else { throw .toolMissing(tool: "pdftotext", package: "poppler-utils") }
        guard data.starts(with: Array("%PDF-".utf8)) else { throw .malformed("not a PDF file (no %PDF- header)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input.pdf")
        let output = folder.appendingPathComponent("output.txt")
        let errors = folder.appendingPathComponent("errors.txt")
        let outcome: ToolRun.Outcome
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: input)
            outcome = try await ToolRun.run(
                executablePath: executablePath, arguments: ["-layout", "-enc", "UTF-8", input.path, output.path],
                standardErrorPath: errors.path, timeout: timeout)
        } catch {
            throw .malformed("could not run pdftotext: \(error)")
        }
        switch outcome {
        case .timedOut:
            throw .tooLarge("pdftotext did not finish within \(timeout)")
        case .exited(let status) where status != 0:
            let message = (try? String(contentsOf: errors, encoding: .utf8))?.split(whereSeparator: \.isNewline).first ?? ""
            throw .malformed("pdftotext failed (exit status \(status)) \(message)".trimmingWhitespace())
        case .exited:
            break
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maxTextBytes else { throw .tooLarge("the PDF's text is over \(Self.maxTextBytes) bytes") }
        guard let text = try? Data(contentsOf: output) else { throw .malformed("pdftotext wrote no output") }
        return Self.document(fromPagedText: String(decoding: text, as: UTF8.self))
    }

    /// pdftotext's output, pages separated by form feeds, as one section per page.
    static func document(fromPagedText text: String) -> ExtractedDocument {
        var sections: [ExtractedSection] = []
        var offset = 0
        var line = 1
        for (index, page) in text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated() {
            let pageText = String(page)
            let lines = SourceLines(pageText)
            if var section = lines.section(lines: 0..<lines.lines.count, headingPath: []) {
                section.charStart += offset
                section.lineStart += line - 1
                section.page = index + 1
                sections.append(section)
            }
            offset += pageText.count + 1
            line += lines.lines.count - 1
        }
        return ExtractedDocument(title: nil, mime: DocumentFormat.pdf.mime, sections: sections)
    }
}
