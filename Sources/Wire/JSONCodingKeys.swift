/// Coding-path keys that `CompactJSONEncoder` and `CompactJSONDecoder` both put in paths,
/// spelled as Foundation's coders spell them, so error paths read the same.

/// The key of an array element in a coding path.
struct JSONIndexKey: CodingKey {
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
    let index: Int

    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }
}

/// The key `super`, under which `superEncoder()` writes.
enum JSONSuperKey: String, CodingKey {
    case `super`
}
