/// One chunk of a document as `rag.put_document` receives it.
///
/// JSON: `{"heading_path":["Install","Linux"],"text":"…","char_start":120,"char_end":940}`;
/// the offsets are characters in the source, for line ranges in deep links.
public struct DocumentChunk: Codable, Sendable, Equatable {
    /// The headings above the chunk, outermost first (shown as `Install › Linux`).
    public var headingPath: [String]
    public var text: String
    public var charStart: Int
    public var charEnd: Int

    public init(headingPath: [String] = [], text: String, charStart: Int, charEnd: Int) {
        self.headingPath = headingPath
        self.text = text
        self.charStart = charStart
        self.charEnd = charEnd
    }

    enum CodingKeys: String, CodingKey {
        case text
        case headingPath = "heading_path"
        case charStart = "char_start"
        case charEnd = "char_end"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        headingPath = try container.decodeIfPresent([String].self, forKey: .headingPath) ?? []
        text = try container.decode(String.self, forKey: .text)
        charStart = try container.decode(Int.self, forKey: .charStart)
        charEnd = try container.decode(Int.self, forKey: .charEnd)
    }
}
