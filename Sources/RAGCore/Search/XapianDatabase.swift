import CXapian

/// Owns one Xapian database handle from the C shim and closes it when dropped.
///
/// Non-copyable so exactly one owner closes the handle; not `Sendable`, because a
/// Xapian handle must not be used from two threads at once: ``SearchIndex`` keeps every
/// instance inside a `Mutex`.
struct XapianDatabase: ~Copyable {
    private let handle: OpaquePointer

    /// Opens the writable database at `path`, creating it if missing.
    static func openWritable(path: String) throws(SearchIndex.Error) -> XapianDatabase {
        var handle: OpaquePointer?
        try SearchIndex.Error.check { cxapian_writable_open(path, &handle, $0) }
        return XapianDatabase(handle: handle!)
    }

    /// Opens the database at `path` read-only.
    static func openReadOnly(path: String) throws(SearchIndex.Error) -> XapianDatabase {
        var handle: OpaquePointer?
        try SearchIndex.Error.check { cxapian_readonly_open(path, &handle, $0) }
        return XapianDatabase(handle: handle!)
    }

    deinit {
        cxapian_database_close(handle)
    }

    /// Moves a read-only handle to the latest committed revision.
    func reopen() throws(SearchIndex.Error) {
        try SearchIndex.Error.check { cxapian_database_reopen(handle, $0) }
    }

    func documentCount() throws(SearchIndex.Error) -> Int {
        var count: UInt64 = 0
        try SearchIndex.Error.check { cxapian_database_document_count(handle, &count, $0) }
        return Int(count)
    }

    /// The metadata value for `key`; empty if never set.
    func metadata(forKey key: String) throws(SearchIndex.Error) -> String {
        var value: UnsafeMutablePointer<CChar>?
        var length = 0
        try Self.withBytes(key) { (keyBytes) throws(SearchIndex.Error) in
            try SearchIndex.Error.check {
                cxapian_database_get_metadata(handle, keyBytes.baseAddress, keyBytes.count, &value, &length, $0)
            }
        }
        defer { cxapian_free(value) }
        guard let value else { return "" }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func setMetadata(_ value: String, forKey key: String) throws(SearchIndex.Error) {
        try Self.withBytes(key) { (keyBytes) throws(SearchIndex.Error) in
            try Self.withBytes(value) { (valueBytes) throws(SearchIndex.Error) in
                try SearchIndex.Error.check {
                    cxapian_database_set_metadata(
                        handle, keyBytes.baseAddress, keyBytes.count, valueBytes.baseAddress, valueBytes.count, $0)
                }
            }
        }
    }

    func commit() throws(SearchIndex.Error) {
        try SearchIndex.Error.check { cxapian_database_commit(handle, $0) }
    }

    /// Adds `document`, replacing any document indexed by `idTerm`.
    func replaceDocument(idTerm: String, with document: borrowing XapianDocument) throws(SearchIndex.Error) {
        try Self.withBytes(idTerm) { (term) throws(SearchIndex.Error) in
            try document.withHandle { (documentHandle) throws(SearchIndex.Error) in
                try SearchIndex.Error.check {
                    cxapian_database_replace_document(handle, term.baseAddress, term.count, documentHandle, $0)
                }
            }
        }
    }

    /// Deletes every document indexed by `term`.
    func deleteDocuments(withTerm term: String) throws(SearchIndex.Error) {
        try Self.withBytes(term) { (bytes) throws(SearchIndex.Error) in
            try SearchIndex.Error.check {
                cxapian_database_delete_documents(handle, bytes.baseAddress, bytes.count, $0)
            }
        }
    }

    /// The best `topK` documents for a weighted OR of `terms`, restricted to documents
    /// having at least one of `filterTerms` (none: no restriction), with their stored data.
    /// A search whose revision later commits discard is reopened and rerun up to `retries`
    /// times before ``SearchIndex/Error/revisionDiscarded(_:)`` is thrown.
    func search(
        terms: [(term: String, weight: Double)], filterTerms: [String], k1: Double, b: Double, topK: Int,
        retries: Int
    ) throws(SearchIndex.Error) -> [(score: Double, data: [UInt8])] {
        let query = PackedTerms(terms.map(\.term))
        let weights = terms.map(\.weight)
        let filter = PackedTerms(filterTerms)
        var results: OpaquePointer?
        try SearchIndex.Error.check { message in
            query.bytes.withUnsafeBufferPointer { queryBytes in
                filter.bytes.withUnsafeBufferPointer { filterBytes in
                    cxapian_database_search(
                        handle, queryBytes.baseAddress, query.lengths, weights, query.lengths.count,
                        filterBytes.baseAddress, filter.lengths, filter.lengths.count,
                        k1, b, UInt32(clamping: topK), UInt32(clamping: retries), &results, message)
                }
            }
        }
        defer { cxapian_results_free(results) }
        return (0..<cxapian_results_count(results)).map { index in
            var length = 0
            let data = cxapian_results_data(results, index, &length)
            let bytes = UnsafeRawBufferPointer(start: data, count: length)
            return (cxapian_results_score(results, index), [UInt8](bytes))
        }
    }

    /// Calls `body` with the UTF-8 bytes of `string` as C chars (no NUL needed by the shim).
    static func withBytes<R>(
        _ string: String, _ body: (UnsafeBufferPointer<CChar>) throws(SearchIndex.Error) -> R
    ) throws(SearchIndex.Error) -> R {
        // withUTF8 only rethrows (untyped), so the typed error travels out in a Result.
        var string = string
        let result = string.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                Result { () throws(SearchIndex.Error) -> R in try body(chars) }
            }
        }
        return try result.get()
    }
}

/// Strings laid end to end in one buffer with their lengths, as the shim's search takes them.
private struct PackedTerms {
    var bytes: [CChar] = []
    var lengths: [Int] = []

    init(_ terms: [String]) {
        for term in terms {
            bytes.append(contentsOf: term.utf8.map { CChar(bitPattern: $0) })
            lengths.append(term.utf8.count)
        }
    }
}
