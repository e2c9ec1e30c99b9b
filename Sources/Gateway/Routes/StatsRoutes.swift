import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// `GET /api/v1/stats` for admins: exact counts of users (by role, by status, seen lately)
/// and of knowledge bases and their documents. Ingestion tasks are not counted: `ingest.list`
/// only pages through tasks, and a count would read every task ever submitted.
struct StatsRoutes {
    let services: MeshServices
    let authorizer: Authorizer

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api/v1/stats") { _, context -> Response in
            try await authorizer.require(.manageUsers, context)
            async let users = services.call(services.users, UsersStats.self, WireEmpty(), context)
            async let knowledgeBases = StatsReport.KnowledgeBaseTotals.collect(from: services, context)
            return try JSONResponse.make(StatsReport(users: try await users, knowledgeBases: try await knowledgeBases))
        }
    }
}
