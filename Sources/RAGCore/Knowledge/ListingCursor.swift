import Foundation
import SQLiteStorage
import Wire

/// Where the next page of a listing starts: the last id of the page before, wrapped in an
/// opaque token (`next_cursor`) so callers cannot come to depend on what is inside.
struct ListingCursor: Sendable, Equatable {
    /// Which listing the cursor belongs to; a cursor of one is refused by the others.
    enum Listing: String, Sendable {
        case knowledgeBases = "k"
        case documents = "d"
        case queryLog = "l"
        case sources = "s"
    }

    var listing: Listing
    /// The last id the previous page returned.
    var after: Int64

    /// The page sizes a caller may ask for, and the default.
    /// The same bounds every rag-core listing publishes in its contract (`KBList.limitRange`).
    static let limitRange = KBList.limitRange
    static let defaultLimit = 50

    /// The token as callers see it.
    var token: String { PageToken.encode(tag: listing.rawValue, after: after) }

    init(listing: Listing, after: Int64) {
        self.listing = listing
        self.after = after
    }

    /// Reads a token made by `token` for `listing`; `invalid` for anything else.
    init(token: String, listing: Listing) throws(KnowledgeStore.Error) {
        guard let after = PageToken.decode(token, tag: listing.rawValue) else {
            throw .invalid(field: "cursor", reason: "is not a cursor this service issued for this listing")
        }
        self.init(listing: listing, after: after)
    }

    /// The page size for `limit`, checked.
    static func pageSize(_ limit: Int?) throws(KnowledgeStore.Error) -> Int {
        let size = limit ?? defaultLimit
        guard limitRange.contains(size) else {
            throw .invalid(field: "limit", reason: "must be in \(limitRange.lowerBound)...\(limitRange.upperBound)")
        }
        return size
    }
}
