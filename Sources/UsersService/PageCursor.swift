import Foundation

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

    /// The token as callers see it: unpadded base64url of `<listing>:<key>`.
    var token: String {
        Data("\(listing.rawValue):\(after)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(listing: Listing, after: Int64) {
        self.listing = listing
        self.after = after
    }

    /// Reads a token made by `token` for `listing`; `invalid` for anything else.
    init(token: String, listing: Listing) throws(UserDirectory.Error) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw .invalid(field: "cursor", reason: "is not a cursor this service issued")
        }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == listing.rawValue, let after = Int64(parts[1]) else {
            throw .invalid(field: "cursor", reason: "is not a cursor this service issued for this listing")
        }
        self.init(listing: listing, after: after)
    }
}
