import Foundation
import Testing
import ServiceSupport
import TestSupport

@Suite struct SettingsTests {
    enum Mode: String, CaseIterable { case open, allowlist }

    @Test func environmentOverridesTheFile() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file(".env")
        try "A=from-file\nB=from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        let settings = try Settings.load(environment: ["MESH_ENV_FILE": file, "B": "from-env"])
        #expect(settings["A"] == "from-file")
        #expect(settings["B"] == "from-env")
    }

    @Test func typedValues() throws {
        let settings = Settings(["N": "42", "FLAG": "yes", "MS": "250", "MODE": "Allowlist", "IDS": "1, 2,3", "BLANK": ""])
        #expect(try settings.int("N", default: 0) == 42)
        #expect(try settings.int("ABSENT", default: 7) == 7)
        #expect(try settings.bool("FLAG", default: false))
        #expect(try settings.milliseconds("MS", default: .seconds(1)) == .milliseconds(250))
        #expect(try settings.choice("MODE", default: Mode.open) == .allowlist)
        #expect(try settings.int64List("IDS") == [1, 2, 3])
        #expect(settings["BLANK"] == nil)
    }

    @Test("invalid values name the variable and what was expected")
    func invalidValues() {
        let settings = Settings(["N": "lots", "FLAG": "maybe", "MODE": "closed", "IDS": "1,x", "RANGE": "99"])
        #expect(throws: ConfigurationError.invalid(variable: "N", value: "lots", expected: "an integer in -9223372036854775808...9223372036854775807")) {
            try settings.int("N", default: 0)
        }
        #expect(throws: ConfigurationError.invalid(variable: "RANGE", value: "99", expected: "an integer in 1...10")) {
            try settings.int("RANGE", default: 1, range: 1...10)
        }
        #expect(throws: ConfigurationError.self) { try settings.bool("FLAG", default: true) }
        #expect(throws: ConfigurationError.invalid(variable: "MODE", value: "closed", expected: "open or allowlist")) {
            try settings.choice("MODE", default: Mode.open)
        }
        #expect(throws: ConfigurationError.self) { try settings.int64List("IDS") }
        #expect(throws: ConfigurationError.missing(variable: "SECRET", meaning: "a secret")) {
            try settings.required("SECRET", meaning: "a secret")
        }
        #expect(ConfigurationError.missing(variable: "SECRET", meaning: "a secret").description.contains("SECRET"))
    }
}
