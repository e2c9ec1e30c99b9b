import Foundation
import Gateway
import HTTPTypes
import NIOCore
import TestSupport
import Testing

/// Uploads, archives, limits, cancel and retry through the real gateway and services.
@Suite struct IngestionEndToEndTests {
    @Test("each format is uploaded, indexed and then found; undecodable and unknown files fail or are skipped with a reason")
    func formats() async throws {
        let harness = try await IngestionHarness()
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "formats")
            let uploads: [(name: String, data: Data, question: String)] = [
                (
                    "notes.txt", Data("The backup rotation keeps fourteen nightly snapshots of the warehouse ledger.".utf8),
                    "nightly snapshots warehouse ledger"
                ),
                (
                    "guide.md",
                    Data("# Guide\n\n## Firewall\n\nOpen port 8443 for the telemetry collector before enrolling agents.\n".utf8),
                    "telemetry collector port"
                ),
                (
                    "page.html",
                    Data(
                        "<html><head><title>Kitchen</title><script>var hidden = 'scriptword';</script></head><body><h1>Kitchen rules</h1><p>The espresso grinder is cleaned every Friday afternoon.</p></body></html>"
                            .utf8), "espresso grinder cleaned"
                ),
                (
                    "report.docx", try IngestionSamples.docx(["Quarterly report", "Revenue from the glacier tours doubled in spring."]),
                    "glacier tours revenue"
                ),
                ("manual.pdf", IngestionSamples.pdf("The turbine inspection happens every ninety days."), "turbine inspection"),
                ("legacy.txt", IngestionSamples.windows1251("Склад открыт по субботам с девяти утра до полудня."), "склад субботам"),
                (
                    "wide.txt", Data([0xFF, 0xFE]) + "Lighthouse keepers log the fog signal hourly.".data(using: .utf16LittleEndian)!,
                    "lighthouse fog signal"
                ),
            ]
            var tasks: [(String, [String: Any])] = []
            for upload in uploads {
                tasks.append(
                    (upload.name, try await IngestionHarness.upload(client, knowledgeBase: kb, name: upload.name, data: upload.data)))
            }
            // The same through multipart/form-data, the name taken from the part.
            let boundary = "test-boundary-7f3a"
            let multipart = IngestionSamples.multipart(
                fileName: "parking.md", contentType: "text/markdown",
                data: Data("# Parking\n\nVisitors park on level minus two of the tower.\n".utf8),
                boundary: boundary)
            let multipartTask = try await client.execute(
                uri: "/api/v1/ingestion/files?knowledge_base=\(kb)", method: .post,
                headers: GatewayHarness.admin.merging([.contentType: "multipart/form-data; boundary=\(boundary)"]),
                body: ByteBuffer(bytes: multipart)
            ) { response in
                #expect(response.status == .accepted)
                #expect(response.json["source"] as? String == "parking.md")
                #expect(response.json["kind"] as? String == "file")
                return response.json
            }
            tasks.append(("parking.md", multipartTask))
            for (name, task) in tasks {
                let ended = try await IngestionHarness.waitForEnd(client, task: task)
                #expect(ended["state"] as? String == "succeeded", "\(name): \(ended)")
                #expect(IngestionHarness.items(ended)["indexed"] == 1, "\(name): \(ended)")
                #expect(ended["percent"] as? Int == 100)
            }
            for upload in uploads {
                let sources = try await IngestionHarness.sources(client, upload.question, knowledgeBase: kb)
                #expect(sources.first == upload.name, "\(upload.question) → \(sources)")
            }
            #expect(try await IngestionHarness.sources(client, "visitors park level", knowledgeBase: kb).first == "parking.md")
            #expect(try await IngestionHarness.sources(client, "scriptword", knowledgeBase: kb).isEmpty)

            // Not text in any encoding: the item fails with the reason; an unknown format is skipped.
            let bad = try await IngestionHarness.waitForEnd(
                client,
                task: try await IngestionHarness.upload(client, knowledgeBase: kb, name: "broken.txt", data: IngestionSamples.notText))
            #expect(IngestionHarness.items(bad)["failed"] == 1)
            let reason = (bad["failures"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
            #expect(reason.contains("not readable as text"), "\(bad)")
            let unknown = try await IngestionHarness.waitForEnd(
                client,
                task: try await IngestionHarness.upload(client, knowledgeBase: kb, name: "tool.exe", data: Data([0x4D, 0x5A, 0x90])))
            #expect(IngestionHarness.items(unknown)["skipped"] == 1, "\(unknown)")

            // Staged files are gone once their tasks ended.
            try await Task.sleep(for: .milliseconds(200))
            let left = (try? FileManager.default.contentsOfDirectory(atPath: harness.stagingDirectory)) ?? []
            #expect(left.isEmpty, "staging still holds \(left)")
        }
    }

    @Test("a single file goes through every stage in order: fetching, extracting, chunking, indexing")
    func stagesOfOneFile() async throws {
        let harness = try await IngestionHarness(environment: ["LOG_LEVEL": "debug"])
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "stages")
            let task = try await IngestionHarness.upload(
                client, knowledgeBase: kb, name: "stages.md", data: Data("# Stages\n\nThe ferry leaves at dawn.\n".utf8))
            let ended = try await IngestionHarness.waitForEnd(client, task: task)
            #expect(ended["state"] as? String == "succeeded", "\(ended)")
            let id = try #require(task["task_id"] as? Int)
            let log = try #require(harness.mesh.processes["ingest-service"]).logLines()
            let stages = log.compactMap { line -> String? in
                guard line.contains("ingestion task stage"), line.contains("\"task_id\":\(id)}") || line.contains("\"task_id\":\(id),")
                else { return nil }
                return ["fetching", "extracting", "chunking", "indexing"].first { line.contains("\"stage\":\"\($0)\"") }
            }
            #expect(stages == ["fetching", "extracting", "chunking", "indexing"], "\(log.suffix(30).joined(separator: "\n"))")
        }
    }

    @Test("an archive indexes its files; zip-slip entries and bad files fail alone; a zip bomb fails the task at once")
    func archives() async throws {
        let harness = try await IngestionHarness()
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "archives")
            let zip = try IngestionSamples.zip([
                ("docs/alpha.md", Data("# Alpha\n\nThe alpha relay switches at dawn.\n".utf8)),
                ("docs/beta.txt", Data("Beta valves are greased twice a year.".utf8)),
                ("docs/gamma.html", Data("<h1>Gamma</h1><p>Gamma sensors report humidity.</p>".utf8)),
                ("../../escape.txt", Data("zip slip payload".utf8)),
                ("/etc/absolute.txt", Data("absolute payload".utf8)),
                ("docs/broken.txt", IngestionSamples.notText),
                ("docs/image.png", Data([0x89, 0x50, 0x4E, 0x47])),
            ])
            let task = try await IngestionHarness.upload(
                client, knowledgeBase: kb, name: "bundle.zip", data: zip, contentType: "application/zip")
            #expect(task["kind"] as? String == "archive")
            let ended = try await IngestionHarness.waitForEnd(client, task: task)
            #expect(ended["state"] as? String == "succeeded", "\(ended)")
            let items = IngestionHarness.items(ended)
            #expect(items["total"] == 7 && items["indexed"] == 3 && items["failed"] == 3 && items["skipped"] == 1, "\(ended)")
            let failures = (ended["failures"] as? [[String: Any]] ?? []).map { "\($0["item"] ?? ""): \($0["reason"] ?? "")" }
            #expect(failures.contains { $0.hasPrefix("../../escape.txt") && $0.contains("leaves the archive") }, "\(failures)")
            #expect(failures.contains { $0.hasPrefix("/etc/absolute.txt") && $0.contains("absolute") }, "\(failures)")
            #expect(try await IngestionHarness.sources(client, "alpha relay dawn", knowledgeBase: kb).first == "bundle.zip/docs/alpha.md")
            #expect(try await IngestionHarness.sources(client, "zip slip payload", knowledgeBase: kb).isEmpty)
            // Nothing was written outside the data folder.
            let root = harness.mesh.directory.path
            for path in ["escape.txt", "../escape.txt", "data/escape.txt", "data/staging/../../escape.txt"] {
                #expect(!FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(path)))
            }
            #expect(!FileManager.default.fileExists(atPath: "/etc/absolute.txt"))

            // 15 MB of zeros deflate to about 15 KB: refused before anything is inflated.
            let bomb = try IngestionSamples.zip([("zeros.txt", Data(count: 15 << 20))])
            let started = ContinuousClock.now
            let failed = try await IngestionHarness.waitForEnd(
                client, task: try await IngestionHarness.upload(client, knowledgeBase: kb, name: "bomb.zip", data: bomb))
            #expect(failed["state"] as? String == "failed")
            #expect((failed["error"] as? String ?? "").contains("zip bomb"), "\(failed)")
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test("an upload over UPLOAD_MAX_BYTES is 413 and leaves no staged file; uploads need an editor")
    func limitsAndRoles() async throws {
        let harness = try await IngestionHarness(uploadMaxBytes: 256 * 1024)
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "limits")
            try await client.execute(
                uri: "/api/v1/ingestion/files?knowledge_base=\(kb)&filename=big.txt", method: .post, headers: GatewayHarness.admin,
                body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 300 * 1024)
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.errorCode == "too_large")
            }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: harness.stagingDirectory)) ?? []
            #expect(left.isEmpty, "staging still holds \(left)")

            // Unknown knowledge base: 404 before anything is staged; no file name: 400.
            try await client.execute(
                uri: "/api/v1/ingestion/files?knowledge_base=999&filename=a.txt", method: .post, headers: GatewayHarness.admin,
                body: ByteBuffer(string: "text")
            ) { response in #expect(response.status == .notFound) }
            try await client.execute(
                uri: "/api/v1/ingestion/files?knowledge_base=\(kb)", method: .post, headers: GatewayHarness.admin,
                body: ByteBuffer(string: "text")
            ) { response in #expect(response.status == .badRequest) }

            // A member may not ingest (signed by the bot); editors may.
            let member: Int64 = 77
            let profile = #"{"first_name":"Member"}"#
            try await client.execute(
                uri: "/api/v1/users", method: .post,
                headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: member, body: profile),
                body: .json(profile)
            ) { response in #expect(response.status == .created) }
            let path = "/api/v1/ingestion/files?knowledge_base=\(kb)&filename=a.txt"
            try await client.execute(
                uri: path, method: .post, headers: GatewayHarness.signed(.post, path, telegramID: member, body: "hello"),
                body: ByteBuffer(string: "hello")
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "role_too_low")
            }
            try await client.execute(
                uri: "/api/v1/users/\(member)", method: .patch, headers: IngestionHarness.adminJSON, body: .json(#"{"role":"editor"}"#)
            ) { response in #expect(response.status == .ok) }
            let text = "Editors upload through the bot with a signature over the whole body."
            let task = try await client.execute(
                uri: path, method: .post, headers: GatewayHarness.signed(.post, path, telegramID: member, body: text),
                body: ByteBuffer(string: text)
            ) { response in
                #expect(response.status == .accepted)
                return response.json
            }
            #expect(task["submitted_by"] as? Int == Int(member))
            let ended = try await IngestionHarness.waitForEnd(client, task: task)
            #expect(ended["state"] as? String == "succeeded")
            try await client.execute(uri: "/api/v1/ingestion/tasks?submitted_by=\(member)", method: .get, headers: GatewayHarness.admin) {
                response in
                #expect((response.json["tasks"] as? [[String: Any]])?.count == 1)
            }

            // Signed uploads stream to staging and are checked there: a body other than the
            // signed one, or a replayed request, is refused and leaves nothing behind.
            try await client.execute(
                uri: path, method: .post, headers: GatewayHarness.signed(.post, path, telegramID: member, body: text),
                body: ByteBuffer(string: text + " (altered)")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "unauthorized")
            }
            let large = String(repeating: "A signed upload larger than the JSON body limit streams to disk.\n", count: 2_200)
            let signedLarge = GatewayHarness.signed(.post, path, telegramID: member, body: large)
            try await client.execute(uri: path, method: .post, headers: signedLarge, body: ByteBuffer(string: large)) { response in
                #expect(response.status == .accepted, "\(response.json)")
            }
            try await client.execute(uri: path, method: .post, headers: signedLarge, body: ByteBuffer(string: large)) { response in
                #expect(response.status == .unauthorized, "the same nonce again")
            }
            let tasks = try await client.execute(
                uri: "/api/v1/ingestion/tasks?submitted_by=\(member)", method: .get, headers: GatewayHarness.admin
            ) { response in response.json["tasks"] as? [[String: Any]] ?? [] }
            #expect(tasks.count == 2)
            for task in tasks { _ = try await IngestionHarness.waitForEnd(client, task: task) }
            let staged = (try? FileManager.default.contentsOfDirectory(atPath: harness.stagingDirectory)) ?? []
            #expect(staged.isEmpty, "staging still holds \(staged)")
        }
    }

    @Test("a bot-signed upload counts against its user's rate limit only once its signature holds")
    func uploadRateLimit() async throws {
        // Three requests per user, and next to no refill during the test.
        let harness = try await IngestionHarness(rateLimit: .init(perMinute: 1, burst: 3))
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "limited")
            let editor: Int64 = 78
            let profile = #"{"first_name":"Editor"}"#
            try await client.execute(
                uri: "/api/v1/users", method: .post,
                headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: editor, body: profile), body: .json(profile)
            ) { response in #expect(response.status == .created) }  // 1 of 3
            try await client.execute(
                uri: "/api/v1/users/\(editor)", method: .patch, headers: IngestionHarness.adminJSON, body: .json(#"{"role":"editor"}"#)
            ) { response in #expect(response.status == .ok) }
            let path = "/api/v1/ingestion/files?knowledge_base=\(kb)&filename=a.txt"
            // Forged uploads naming the editor (signed for another body) are refused, and do
            // not use up the editor's requests.
            for attempt in 0..<5 {
                let forged = GatewayHarness.signed(.post, path, telegramID: editor, body: "signed \(attempt)")
                try await client.execute(uri: path, method: .post, headers: forged, body: ByteBuffer(string: "sent \(attempt)")) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            var statuses: [HTTPResponse.Status] = []
            for upload in 0..<3 {
                let text = "Upload number \(upload) from the editor."
                let status = try await client.execute(
                    uri: path, method: .post, headers: GatewayHarness.signed(.post, path, telegramID: editor, body: text),
                    body: ByteBuffer(string: text)
                ) { $0.status }
                statuses.append(status)
            }
            #expect(statuses == [.accepted, .accepted, .tooManyRequests])
            let tasks = try await client.execute(
                uri: "/api/v1/ingestion/tasks?submitted_by=\(editor)", method: .get, headers: GatewayHarness.admin
            ) { response in response.json["tasks"] as? [[String: Any]] ?? [] }
            for task in tasks { _ = try await IngestionHarness.waitForEnd(client, task: task) }
            #expect(tasks.count == 2)
            let left = (try? FileManager.default.contentsOfDirectory(atPath: harness.stagingDirectory)) ?? []
            #expect(left.isEmpty, "a refused upload left \(left)")
        }
    }

    @Test("a queued task is cancelled at once and can be retried; listing filters and pages")
    func cancelRetryList() async throws {
        // One worker, kept busy by a large archive, so the next task stays queued.
        let harness = try await IngestionHarness(uploadMaxBytes: 16 << 20, environment: ["INGEST_WORKERS": "1"])
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "cancel")
            let files = (0..<400).map {
                ("file-\($0).md", Data("# File \($0)\n\nParagraph number \($0) about the orbit of moon \($0).\n".utf8))
            }
            let busy = try await IngestionHarness.upload(client, knowledgeBase: kb, name: "busy.zip", data: try IngestionSamples.zip(files))
            let queued = try await IngestionHarness.upload(
                client, knowledgeBase: kb, name: "later.md", data: Data("# Later\n\nQueued behind the archive.\n".utf8))
            let queuedID = try #require(queued["task_id"] as? Int)
            try await client.execute(uri: "/api/v1/ingestion/tasks/\(queuedID)", method: .delete, headers: GatewayHarness.admin) {
                response in
                #expect(response.status == .ok)
                #expect(response.json["state"] as? String == "cancelled")
            }
            try await client.execute(
                uri: "/api/v1/ingestion/tasks?state=cancelled&knowledge_base=\(kb)", method: .get, headers: GatewayHarness.admin
            ) { response in
                #expect((response.json["tasks"] as? [[String: Any]])?.compactMap { $0["task_id"] as? Int } == [queuedID])
            }
            // The cancelled upload's file is gone, so a retry asks for it again.
            try await client.execute(uri: "/api/v1/ingestion/tasks/\(queuedID)/retry", method: .post, headers: GatewayHarness.admin) {
                response in
                #expect(response.status == .conflict)
            }
            // Cancel the running archive: it stops before its next item, keeping what it indexed.
            let busyID = try #require(busy["task_id"] as? Int)
            try await client.execute(uri: "/api/v1/ingestion/tasks/\(busyID)", method: .delete, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
            }
            let cancelled = try await IngestionHarness.waitForEnd(client, task: busy)
            #expect(cancelled["state"] as? String == "cancelled", "\(cancelled)")
            let done = IngestionHarness.items(cancelled)["done"] ?? 0
            #expect(done < 400)
            #expect(try await IngestionHarness.documents(client, knowledgeBase: kb).count == IngestionHarness.items(cancelled)["indexed"])

            // Paging: one task per page, newest first.
            let first = try await client.execute(uri: "/api/v1/ingestion/tasks?limit=1", method: .get, headers: GatewayHarness.admin) {
                response in response.json
            }
            #expect((first["tasks"] as? [[String: Any]])?.first?["task_id"] as? Int == queuedID)
            let cursor = try #require(first["next_cursor"] as? String)
            try await client.execute(uri: "/api/v1/ingestion/tasks?limit=1&cursor=\(cursor)", method: .get, headers: GatewayHarness.admin) {
                response in
                #expect((response.json["tasks"] as? [[String: Any]])?.first?["task_id"] as? Int == busyID)
                #expect(response.json["next_cursor"] == nil || response.json["next_cursor"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/ingestion/tasks/999", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
