import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// The users API: `/api/v1/users…` and `/api/v1/me`.
struct UserRoutes {
    let services: MeshServices
    let authorizer: Authorizer

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api/v1/me") { _, context -> Response in
            guard let caller = context.caller else {
                throw GatewayError.unauthorized("this route needs a bot signature, a session token or the admin token")
            }
            guard let telegramID = caller.telegramID else {
                return try JSONResponse.make(MeResponse(caller: "admin_token", user: nil))
            }
            // `read_self` is allowed to every known user, so fetching the user is the check:
            // one call instead of `users.authorize` followed by `users.get`.
            do {
                let found = try await services.call(services.users, UsersGet.self, .init(telegramID: telegramID), context)
                return try JSONResponse.make(MeResponse(caller: "telegram", user: found.user))
            } catch let error as WireError where error.code == .notFound {
                throw Authorizer.refusal(.unknown, action: .readSelf)
            }
        }

        router.get("/api/v1/users") { request, context -> Response in
            try await authorizer.require(.manageUsers, context)
            let query = request.uri.queryParameters
            let params = UsersList.Params(
                role: try query.get("role").map { try Self.parse(UserRole.self, $0, field: "role") },
                status: try query.get("status").map { try Self.parse(UserStatus.self, $0, field: "status") },
                search: query.get("search"),
                limit: try query.get("limit").map { try Self.integer($0, field: "limit") },
                cursor: query.get("cursor")
            )
            return try JSONResponse.make(try await services.call(services.users, UsersList.self, params, context))
        }

        router.post("/api/v1/users") { request, context -> Response in
            let body = try await request.decodeJSON(as: RegistrationBody.self, context: context)
            let telegramID: Int64
            switch context.caller {
            case .adminToken:
                guard let id = body.telegramID else {
                    throw GatewayError(.unprocessable, "telegram_id is required", details: ["field": "telegram_id"])
                }
                telegramID = id
            case .bot(let id), .session(let id):
                guard body.telegramID == nil || body.telegramID == id else {
                    throw GatewayError.forbidden("a user can only register themselves", reason: "not_self")
                }
                telegramID = id
            case nil:
                throw GatewayError.unauthorized("registration needs a bot signature, a session token or the admin token")
            }
            let params = UsersRegister.Params(
                telegramID: telegramID, username: body.username, firstName: body.firstName, lastName: body.lastName, languageCode: body.languageCode)
            let registered = try await services.call(services.users, UsersRegister.self, params, context)
            return try JSONResponse.make(registered, status: registered.created ? .created : .ok)
        }

        router.get("/api/v1/users/{telegram_id}") { _, context -> Response in
            let telegramID = try Self.pathID(context)
            try await requireSelfOrAdmin(telegramID, context)
            return try JSONResponse.make(try await services.call(services.users, UsersGet.self, .init(telegramID: telegramID), context))
        }

        router.patch("/api/v1/users/{telegram_id}") { request, context -> Response in
            let telegramID = try Self.pathID(context)
            let patch = try await request.decodeJSON(as: UserPatch.self, context: context)
            if patch.changesAccess {
                try await authorizer.require(.manageUsers, context)
            } else {
                try await requireSelfOrAdmin(telegramID, context)
            }
            let params = UsersUpdate.Params(
                telegramID: telegramID, role: patch.role, status: patch.status, preferredKnowledgeBaseID: patch.preferredKnowledgeBaseID,
                languageCode: patch.languageCode, actor: context.caller?.auditName)
            return try JSONResponse.make(try await services.call(services.users, UsersUpdate.self, params, context))
        }

        router.delete("/api/v1/users/{telegram_id}") { _, context -> Response in
            let telegramID = try Self.pathID(context)
            try await authorizer.require(.manageUsers, context)
            let params = UsersDelete.Params(telegramID: telegramID, actor: context.caller?.auditName)
            return try JSONResponse.make(try await services.call(services.users, UsersDelete.self, params, context))
        }

        router.get("/api/v1/users/{telegram_id}/audit") { request, context -> Response in
            let telegramID = try Self.pathID(context)
            try await authorizer.require(.manageUsers, context)
            let query = request.uri.queryParameters
            let params = UsersAudit.Params(
                telegramID: telegramID, limit: try query.get("limit").map { try Self.integer($0, field: "limit") }, cursor: query.get("cursor"))
            return try JSONResponse.make(try await services.call(services.users, UsersAudit.self, params, context))
        }
    }

    /// Users may read and tune their own record; anyone else's needs `manage_users`.
    private func requireSelfOrAdmin(_ telegramID: Int64, _ context: GatewayRequestContext) async throws {
        if let caller = context.caller, caller.telegramID == telegramID {
            try await authorizer.require(.readSelf, context)
        } else {
            try await authorizer.require(.manageUsers, context)
        }
    }

    private static func pathID(_ context: GatewayRequestContext) throws -> Int64 {
        guard let raw = context.parameters.get("telegram_id"), let id = Int64(raw) else {
            throw GatewayError(.badRequest, "telegram_id in the path must be an integer", details: ["field": "telegram_id"])
        }
        return id
    }

    private static func parse<Value: RawRepresentable>(_ type: Value.Type, _ raw: String, field: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: String(raw)) else {
            throw GatewayError(.badRequest, "unknown \(field) '\(raw)'", details: ["field": .string(field)])
        }
        return value
    }

    private static func integer(_ raw: String, field: String) throws -> Int {
        guard let value = Int(raw) else {
            throw GatewayError(.badRequest, "\(field) must be an integer", details: ["field": .string(field)])
        }
        return value
    }
}
