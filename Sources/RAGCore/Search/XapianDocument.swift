import CXapian

/// Owns one Xapian document being built by the C shim, and frees it when dropped.
struct XapianDocument: ~Copyable {
    private let handle: OpaquePointer

    /// An empty document.
    init() throws(SearchIndex.Error) {
        guard let handle = cxapian_document_new() else { throw .system("out of memory creating a document") }
        self.handle = handle
    }

    deinit {
        cxapian_document_free(handle)
    }

    /// Adds a ranked term whose within-document frequency grows by `frequency`.
    func addTerm(_ term: String, frequency: UInt32) throws(SearchIndex.Error) {
        try XapianDatabase.withBytes(term) { (bytes) throws(SearchIndex.Error) in
            try SearchIndex.Error.check {
                cxapian_document_add_term(handle, bytes.baseAddress, bytes.count, frequency, $0)
            }
        }
    }

    /// Adds a term used only for filtering and deletion; it does not affect ranking.
    func addBooleanTerm(_ term: String) throws(SearchIndex.Error) {
        try XapianDatabase.withBytes(term) { (bytes) throws(SearchIndex.Error) in
            try SearchIndex.Error.check {
                cxapian_document_add_boolean_term(handle, bytes.baseAddress, bytes.count, $0)
            }
        }
    }

    /// Sets the bytes returned with each hit on this document.
    func setData(_ data: [UInt8]) throws(SearchIndex.Error) {
        var message: UnsafeMutablePointer<CChar>?
        let status = data.withUnsafeBytes { cxapian_document_set_data(handle, $0.baseAddress, $0.count, &message) }
        if status != CXAPIAN_OK { throw SearchIndex.Error(status: status, message: message) }
    }

    func withHandle<R>(_ body: (OpaquePointer) throws(SearchIndex.Error) -> R) throws(SearchIndex.Error) -> R {
        try body(handle)
    }
}
