import Foundation
import Wire

/// Cuts plain text or Markdown into chunks: paragraphs (split at blank lines) joined up to
/// about ``targetLength`` characters, Markdown `#` headings kept as the heading path. Used for
/// text loaded through `rag.put_text` (the API, the demo knowledge base).
public enum ParagraphChunker {
    public static let targetLength = 800

    public static func chunks(of text: String) -> [DocumentChunk] {
        var chunks: [DocumentChunk] = []
        var headings: [(level: Int, title: String)] = []
        var pending: (text: String, start: Int, end: Int)?
        func flush() {
            if let current = pending {
                chunks.append(DocumentChunk(headingPath: headings.map(\.title), text: current.text, charStart: current.start, charEnd: current.end))
            }
            pending = nil
        }
        for paragraph in paragraphs(of: text).flatMap(pieces) {
            let body = paragraph.text
            if body.hasPrefix("#"), !body.contains("\n") {
                flush()
                let level = body.prefix { $0 == "#" }.count
                headings.removeAll { $0.level >= level }
                headings.append((level, body.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)))
                continue
            }
            if let current = pending, current.text.count + 2 + body.count <= targetLength {
                pending = (current.text + "\n\n" + body, current.start, paragraph.end)
            } else {
                flush()
                pending = (body, paragraph.start, paragraph.end)
            }
        }
        flush()
        return chunks
    }

    /// A paragraph longer than ``targetLength`` cut at spaces into pieces no longer than it
    /// (a single longer word stays whole).
    private static func pieces(of paragraph: (text: String, start: Int, end: Int)) -> [(text: String, start: Int, end: Int)] {
        guard paragraph.text.count > targetLength else { return [paragraph] }
        var result: [(String, Int, Int)] = []
        var current = ""
        var start = paragraph.start
        var offset = paragraph.start
        for word in paragraph.text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > targetLength {
                result.append((current, start, offset - 1))
                current = ""
                start = offset
            }
            current += current.isEmpty ? String(word) : " " + word
            offset += word.count + 1
        }
        if !current.isEmpty { result.append((current, start, paragraph.end)) }
        return result
    }

    /// Non-empty paragraphs with their character ranges in `text`.
    private static func paragraphs(of text: String) -> [(text: String, start: Int, end: Int)] {
        var result: [(String, Int, Int)] = []
        var offset = 0
        for block in text.components(separatedBy: "\n\n") {
            let trimmed = block.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                let lead = block.prefix { $0.isWhitespace || $0.isNewline }.count
                result.append((trimmed, offset + lead, offset + lead + trimmed.count))
            }
            offset += block.count + 2
        }
        return result
    }
}
