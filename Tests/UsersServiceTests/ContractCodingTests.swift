import Foundation
import Testing
import Wire

/// The parts of the users contracts whose JSON is not what Swift would write by default.
@Suite struct ContractCodingTests {
    private func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    @Test("users.update tells a cleared knowledge base (null) from an untouched one (absent)")
    func updateNullVersusAbsent() throws {
        let absent = try decode(UsersUpdate.Params.self, #"{"telegram_id":1,"role":"editor"}"#)
        #expect(absent.preferredKnowledgeBaseID == nil)
        let cleared = try decode(UsersUpdate.Params.self, #"{"telegram_id":1,"preferred_knowledge_base_id":null}"#)
        #expect(cleared.preferredKnowledgeBaseID == .some(nil))
        let chosen = try decode(UsersUpdate.Params.self, #"{"telegram_id":1,"preferred_knowledge_base_id":4}"#)
        #expect(chosen.preferredKnowledgeBaseID == .some(4))

        #expect(try json(absent) == #"{"role":"editor","telegram_id":1}"#)
        #expect(try json(cleared) == #"{"preferred_knowledge_base_id":null,"telegram_id":1}"#)
        #expect(try json(chosen) == #"{"preferred_knowledge_base_id":4,"telegram_id":1}"#)
    }

    @Test("users.stats counts are JSON objects keyed by role and status")
    func statsShape() throws {
        let result = UsersStats.Result(
            total: 1, byRole: [.admin: 1, .editor: 0, .member: 0], byStatus: [.pending: 0, .active: 1, .blocked: 0],
            activeLast24h: 1, activeLast7d: 1
        )
        let text = try json(result)
        #expect(text.contains(#""by_role":{"admin":1,"editor":0,"member":0}"#))
        #expect(text.contains(#""by_status":{"active":1,"blocked":0,"pending":0}"#))
        #expect(try decode(UsersStats.Result.self, text) == result)
    }

    @Test("an unknown action or role is a decoding error, not a silent default")
    func closedSets() {
        #expect(throws: DecodingError.self) { try decode(UsersAuthorize.Params.self, #"{"telegram_id":1,"action":"launch"}"#) }
        #expect(throws: DecodingError.self) { try decode(UsersList.Params.self, #"{"role":"owner"}"#) }
    }

    @Test("instants are ISO 8601 strings to the second, whatever the coder's date strategy")
    func timestamps() throws {
        let user = User(telegramID: 1, role: .member, status: .active, createdAt: Date(timeIntervalSince1970: 1_735_725_600))
        let text = try json(user)  // a plain JSONEncoder: its own strategy would write a number
        #expect(text == #"{"created_at":"2025-01-01T10:00:00Z","role":"member","status":"active","telegram_id":1}"#)
        #expect(try decode(User.self, text) == user)
        let fractional = try decode(
            AuditEntry.self, #"{"id":1,"actor":"a","telegram_id":1,"field":"role","at":"2025-01-01T10:00:00.250Z"}"#)
        #expect(fractional.at == Date(timeIntervalSince1970: 1_735_725_600.25))
        #expect(fractional.oldValue == nil && fractional.newValue == nil)
        #expect(throws: DecodingError.self) {
            try decode(User.self, #"{"telegram_id":1,"role":"member","status":"active","created_at":"yesterday"}"#)
        }
    }

    @Test("roles order member < editor < admin")
    func roleOrder() {
        #expect(UserRole.allCases.sorted() == [.member, .editor, .admin])
    }
}
