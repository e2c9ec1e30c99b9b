/// How chunk ids are written into the Xapian index.
///
/// Boolean terms start with an uppercase prefix; analysed words are always lowercase,
/// so the two can never collide. The hit data is the three ids as little-endian Int64s.
enum IndexTerms {
    /// The unique term per chunk, used to replace it.
    static func chunk(_ id: Int64) -> String { "Q\(id)" }
    /// Carried by every chunk of a document.
    static func document(_ id: Int64) -> String { "D\(id)" }
    /// Carried by every chunk of a knowledge base.
    static func knowledgeBase(_ id: Int64) -> String { "K\(id)" }

    static func encodeData(chunkID: Int64, documentID: Int64, knowledgeBaseID: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        for id in [chunkID, documentID, knowledgeBaseID] {
            withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The hit for stored `data`, or nil if the data is not three ids.
    static func decodeHit(data: [UInt8], score: Double) -> SearchHit? {
        guard data.count == 24 else { return nil }
        func id(at offset: Int) -> Int64 {
            var value: Int64 = 0
            for index in (0..<8).reversed() {
                value = value << 8 | Int64(data[offset + index])
            }
            return value
        }
        return SearchHit(chunkID: id(at: 0), documentID: id(at: 8), knowledgeBaseID: id(at: 16), score: score)
    }
}
