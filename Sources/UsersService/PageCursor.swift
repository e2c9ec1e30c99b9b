import Foundation
import SQLiteStorage

/// Where the next page of a listing starts: the last key of the page before, wrapped in an
/// opaque token (`next_cursor`) so callers cannot come to depend on what is inside.
struct PageCursor: Sendable, Equatable {
    /// Which listing the cursor belongs to; a cursor of one is refused by the other.
    enum Listing: String, Sendable {
        case users = "u"
        case audit = "a"
    }

    var listing: Listing
    /// The last key the previous page returned.
    var after: Int64

    /// The token as callers see it.
    var token: String { PageToken.encode(tag: listing.rawValue, after: after) }

    init(listing: Listing, after: Int64) {
        self.listing = listing
        self.after = after
    }

    /// Reads a token made by `token` for `listing`; `invalid` for anything else.
    init(token: String, listing: Listing) throws(UserDirectory.Error) {
        guard let after = PageToken.decode(token, tag: listing.rawValue) else {
            throw .invalid(field: "cursor", reason: "is not a cursor this service issued for this listing")
        }
        self.init(listing: listing, after: after)
    }
}
