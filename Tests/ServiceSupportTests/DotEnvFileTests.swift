import Testing
import ServiceSupport

@Suite struct DotEnvFileTests {
    @Test func readsTheUsualForms() throws {
        let text = """
            # comment
            PLAIN=value
            export EXPORTED=yes
            SPACED = padded   
            DOUBLE="two words # not a comment\\nnext line"
            SINGLE='keep \\n as is'
            INLINE=value # trailing comment
            EMPTY=
            WINDOWS=crlf\r
            """
        let variables = try DotEnvFile.parse(text)
        #expect(variables["PLAIN"] == "value")
        #expect(variables["EXPORTED"] == "yes")
        #expect(variables["SPACED"] == "padded")
        #expect(variables["DOUBLE"] == "two words # not a comment\nnext line")
        #expect(variables["SINGLE"] == "keep \\n as is")
        #expect(variables["INLINE"] == "value")
        #expect(variables["EMPTY"] == "")
        #expect(variables["WINDOWS"] == "crlf")
    }

    @Test("a broken line names the file and the line", arguments: ["NO_EQUALS_SIGN", "1BAD=name", "QUOTE=\"unterminated"])
    func syntaxErrors(line: String) {
        #expect(throws: DotEnvFile.SyntaxError.self) {
            try DotEnvFile.parse("OK=1\n\(line)", path: "/srv/.env")
        }
        do {
            _ = try DotEnvFile.parse("OK=1\n\(line)", path: "/srv/.env")
        } catch {
            #expect(error.description.hasPrefix("/srv/.env:2:"))
        }
    }

    @Test func missingFileIsEmpty() throws {
        #expect(try DotEnvFile.load(path: "/nonexistent/.env").isEmpty)
    }
}
