import Wire

/// The answer of `GET /api/v1/stats`: users from `users.stats`, knowledge bases and their
/// documents from `kb.list`.
struct StatsReport: Encodable, Sendable {
    /// How many knowledge bases there are and how many documents they hold in all.
    struct KnowledgeBaseTotals: Encodable, Sendable, Equatable {
        var total: Int
        var documents: Int

        /// `kb.list` answers at most this many knowledge bases a page.
        static let pageSize = KBList.limitRange.upperBound

        /// Reads every page of `kb.list`; knowledge bases are few, so this is a page or two.
        static func collect(from services: MeshServices, _ context: GatewayRequestContext) async throws(WireError) -> KnowledgeBaseTotals {
            var totals = KnowledgeBaseTotals(total: 0, documents: 0)
            var cursor: String?
            repeat {
                let page = try await services.call(services.rag, KBList.self, .init(limit: pageSize, cursor: cursor), context)
                totals.total += page.knowledgeBases.count
                totals.documents += page.knowledgeBases.reduce(0) { $0 + $1.documentCount }
                cursor = page.nextCursor
            } while cursor != nil
            return totals
        }
    }

    var users: UsersStats.Result
    var knowledgeBases: KnowledgeBaseTotals

    enum CodingKeys: String, CodingKey {
        case users
        case knowledgeBases = "knowledge_bases"
    }
}
