import Foundation
import HTTPTypes
import NIOCore
import TestSupport
import Testing

/// `kill -9` of ingest-service in the middle of a 200-file archive: the task resumes on the
/// next start after its last finished item, and the index ends up equal to an uninterrupted run's.
@Suite struct IngestionResumeTests {
    static let words = ["amber", "basalt", "cobalt", "dune", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kelp", "lagoon"]

    /// 200 Markdown files of a few chunks each, every one with its own words.
    static func archive() throws -> Data {
        let files = (0..<200).map { index -> (String, Data) in
            let a = words[index % words.count]
            let b = words[(index / words.count) % words.count]
            var text = "# Note \(index)\n\n"
            for section in 0..<3 {
                text += "## Part \(section)\n\n"
                text += "Record \(index)-\(section) describes the \(a) survey near the \(b) station, sample code S\(index)X\(section). "
                text +=
                    String(repeating: "The field crew measured depth, salinity and temperature along transect \(index). ", count: 8)
                    + "\n\n"
            }
            return ("notes/note-\(index).md", Data(text.utf8))
        }
        return try IngestionSamples.zip(files)
    }

    static let questions = ["sample code S17X1", "amber survey basalt station", "transect 150 salinity", "S199X2", "kelp survey"]

    @Test("a task killed mid-archive resumes after restart and the index equals an uninterrupted run's")
    func killAndResume() async throws {
        let harness = try await IngestionHarness(uploadMaxBytes: 16 << 20, environment: ["INGEST_WORKERS": "1"])
        let zip = try Self.archive()
        try await harness.run { client in
            // The uninterrupted run, into its own knowledge base.
            let reference = try await IngestionHarness.knowledgeBase(client, slug: "reference")
            let baseline = try await IngestionHarness.waitForEnd(
                client, task: try await IngestionHarness.upload(client, knowledgeBase: reference, name: "notes.zip", data: zip),
                timeout: .seconds(120))
            #expect(baseline["state"] as? String == "succeeded")
            #expect(IngestionHarness.items(baseline)["indexed"] == 200)

            // The same archive again, killed part way.
            let resumed = try await IngestionHarness.knowledgeBase(client, slug: "resumed")
            let task = try await IngestionHarness.upload(client, knowledgeBase: resumed, name: "notes.zip", data: zip)
            let id = try #require(task["task_id"] as? Int)
            var doneAtKill = 0
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                let current = try await client.execute(uri: "/api/v1/ingestion/tasks/\(id)", method: .get, headers: GatewayHarness.admin) {
                    $0.json
                }
                doneAtKill = IngestionHarness.items(current)["done"] ?? 0
                if doneAtKill >= 40 { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            await harness.mesh.stop("ingest-service", signal: SIGKILL)
            #expect(doneAtKill >= 40 && doneAtKill < 200, "killed after \(doneAtKill) items")
            try await harness.mesh.start("ingest-service")

            let ended = try await IngestionHarness.waitForEnd(client, task: task, timeout: .seconds(120))
            #expect(ended["state"] as? String == "succeeded", "\(ended)")
            #expect(ended["attempts"] as? Int == 2)
            let items = IngestionHarness.items(ended)
            #expect(items["done"] == 200 && items["total"] == 200 && items["failed"] == 0, "\(ended)")
            #expect((items["indexed"] ?? 0) + (items["unchanged"] ?? 0) == 200)

            // The same documents with the same chunk counts and hashes, and the same answers.
            let expected = try await IngestionHarness.documents(client, knowledgeBase: reference)
            let actual = try await IngestionHarness.documents(client, knowledgeBase: resumed)
            #expect(expected.count == 200)
            #expect(actual == expected)
            for question in Self.questions {
                let want = try await IngestionHarness.sources(client, question, knowledgeBase: reference)
                let got = try await IngestionHarness.sources(client, question, knowledgeBase: resumed)
                #expect(!want.isEmpty && got == want, "\(question): \(got) vs \(want)")
            }
        }
    }
}
