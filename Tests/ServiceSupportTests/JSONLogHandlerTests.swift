import Foundation
import Logging
import Testing
@testable import ServiceSupport

@Suite struct JSONLogHandlerTests {
    @Test("one JSON object per line with the fixed keys and the metadata")
    func lines() throws {
        let output = LogOutput.buffer()
        var logger = Logger(label: "users-service") { label in JSONLogHandler(service: "users-service", label: label, output: output) }
        logger[metadataKey: "correlation_id"] = "upd-7"
        logger[metadataKey: "telegram_id"] = .stringConvertible(Int64(42))
        logger.info("user \"registered\"\nok", metadata: ["fields": .array(["a", .dictionary(["k": "v"])])])
        logger.debug("below the level")
        let lines = output.lines
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["service"] as? String == "users-service")
        #expect(object["level"] as? String == "info")
        #expect(object["msg"] as? String == "user \"registered\"\nok")
        #expect(object["correlation_id"] as? String == "upd-7")
        #expect(object["telegram_id"] as? Int == 42)
        #expect(object["ts"] is String)
        #expect((object["fields"] as? [Any])?.count == 2)
    }

    @Test func controlCharactersAreEscaped() throws {
        let output = LogOutput.buffer()
        let logger = Logger(label: "x") { label in JSONLogHandler(service: "x", label: label, output: output) }
        logger.warning("bell \u{07} tab \t")
        let line = try #require(output.lines.first)
        #expect(line.contains("\\u0007"))
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
    }
}
