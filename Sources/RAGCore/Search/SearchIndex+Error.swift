import CXapian

extension SearchIndex {
    /// A failure reported by Xapian, with Xapian's own message.
    public enum Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// Another writer (usually another process) holds the index's write lock.
        case locked(String)
        /// The index directory could not be opened: missing, unreadable or a newer format.
        case cannotOpen(String)
        /// The index files are damaged; rebuild the index from the database.
        case corrupt(String)
        /// Xapian rejected an argument or operation.
        case invalidArgument(String)
        /// Any other Xapian error (I/O, network, …).
        case xapian(String)
        /// Out of memory or another C++ runtime failure.
        case system(String)
        /// The revision a search was reading was overwritten by later commits; searching
        /// again at the latest revision succeeds.
        case revisionDiscarded(String)

        /// Xapian's message.
        public var message: String {
            switch self {
            case .locked(let message), .cannotOpen(let message), .corrupt(let message),
                .invalidArgument(let message), .xapian(let message), .system(let message),
                .revisionDiscarded(let message):
                message
            }
        }

        public var description: String { "SearchIndex.Error: \(message)" }

        init(status: cxapian_status, message: UnsafeMutablePointer<CChar>?) {
            let text = message.map { String(cString: $0) } ?? "no message"
            cxapian_free(message)
            switch status {
            case CXAPIAN_LOCKED: self = .locked(text)
            case CXAPIAN_OPENING: self = .cannotOpen(text)
            case CXAPIAN_CORRUPT: self = .corrupt(text)
            case CXAPIAN_INVALID_ARGUMENT: self = .invalidArgument(text)
            case CXAPIAN_XAPIAN_ERROR: self = .xapian(text)
            case CXAPIAN_MODIFIED: self = .revisionDiscarded(text)
            default: self = .system(text)
            }
        }

        /// Runs one shim call and throws its error, if any.
        static func check(
            _ call: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> cxapian_status
        ) throws(SearchIndex.Error) {
            var message: UnsafeMutablePointer<CChar>?
            let status = call(&message)
            if status != CXAPIAN_OK { throw Error(status: status, message: message) }
        }
    }
}
