import Foundation
import GRDB

/// A row of the `chunk` table: a passage of a document, the unit of search.
struct ChunkRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "chunk"

    var id: Int64?
    var documentID: Int64
    var ordinal: Int
    /// The headings above the chunk, joined with ``headingSeparator``.
    var headingPath: String
    var text: String
    var charStart: Int
    var charEnd: Int

    /// How heading paths are shown and stored: `Install › Linux`.
    static let headingSeparator = " › "

    enum CodingKeys: String, CodingKey {
        case id, ordinal, text
        case documentID = "document_id"
        case headingPath = "heading_path"
        case charStart = "char_start"
        case charEnd = "char_end"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let documentID = Column(CodingKeys.documentID)
        static let ordinal = Column(CodingKeys.ordinal)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The headings, outermost first.
    var headings: [String] {
        headingPath.isEmpty ? [] : headingPath.components(separatedBy: Self.headingSeparator)
    }
}
