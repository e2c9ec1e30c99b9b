import Foundation
import HTTPTypes
import NIOCore
import TestSupport
import Testing

/// Web pages, git repositories and wiki exports through the real gateway and services.
@Suite struct IngestionSourcesTests {
    @Test("a web page and the pages it links to on the same host are fetched, indexed and found")
    func webCrawl() async throws {
        let site = try await StaticHTTPServer.start(pages: [
            "/docs/index.html": .init(
                body: """
                    <html><head><title>Handbook</title></head><body><h1>Handbook</h1><p>The handbook explains the volunteer rota.</p>
                    <a href="a.html">A</a> <a href="/docs/b.html#top">B</a> <a href="http://elsewhere.invalid/x.html">away</a>
                    <a href="/files/archive.zip">zip</a></body></html>
                    """),
            "/docs/a.html": .init(body: "<html><body><h1>Canteen</h1><p>The canteen serves borscht on Tuesdays.</p></body></html>"),
            "/docs/b.html": .init(contentType: "text/markdown", body: "# Bikes\n\nBicycles are stored in the courtyard shed.\n"),
            "/files/archive.zip": .init(contentType: "application/zip", body: "PK"),
            "/old": .redirect(to: "/docs/index.html"),
        ])
        let harness = try await IngestionHarness()
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "web")
            let body = try IngestionHarness.json([
                "url": site.url("/old"), "knowledge_base_id": kb, "crawl": ["max_pages": 10, "same_host": true],
            ])
            let task = try await client.execute(
                uri: "/api/v1/ingestion/url", method: .post, headers: IngestionHarness.adminJSON, body: body
            ) { response in
                #expect(response.status == .accepted, "\(String(buffer: response.body))")
                #expect(response.json["kind"] as? String == "url")
                return response.json
            }
            let ended = try await IngestionHarness.waitForEnd(client, task: task)
            #expect(ended["state"] as? String == "succeeded", "\(ended)")
            let items = IngestionHarness.items(ended)
            #expect(items["indexed"] == 3 && items["failed"] == 1, "\(ended)")
            let reason = (ended["failures"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
            #expect(reason.contains("not a document"), "\(reason)")
            #expect(try await IngestionHarness.sources(client, "canteen borscht", knowledgeBase: kb).first == site.url("/docs/a.html"))
            #expect(
                try await IngestionHarness.sources(client, "bicycles courtyard shed", knowledgeBase: kb).first == site.url("/docs/b.html"))
            #expect(try await IngestionHarness.sources(client, "volunteer rota", knowledgeBase: kb).first == site.url("/old"))

            // A page that is not there fails the task with the reason.
            let missing = try IngestionHarness.json(["url": site.url("/nothing.html"), "knowledge_base": kb])
            let failed = try await IngestionHarness.waitForEnd(
                client,
                task: try await client.execute(
                    uri: "/api/v1/ingestion/url", method: .post, headers: IngestionHarness.adminJSON, body: missing
                ) { $0.json })
            #expect(failed["state"] as? String == "failed")
            #expect((failed["error"] as? String ?? "").contains("HTTP 404"), "\(failed)")
        }
        await site.stop()
    }

    @Test("private, loopback and metadata addresses and local repositories are refused unless allowed")
    func privateAddressesRefused() async throws {
        let harness = try await IngestionHarness(allowPrivateURLs: false)
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "closed")
            for url in [
                "http://127.0.0.1:9/", "http://localhost/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::1]/",
                "ftp://example.org/file.txt",
            ] {
                let body = try IngestionHarness.json(["url": url, "knowledge_base_id": kb])
                try await client.execute(uri: "/api/v1/ingestion/url", method: .post, headers: IngestionHarness.adminJSON, body: body) {
                    response in
                    #expect(response.status == .badRequest, "\(url): \(response.status)")
                    let message = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                    #expect(message.contains("refused") || message.contains("only http"), "\(url): \(message)")
                }
            }
            for repo in ["/tmp/some-repo", "file:///tmp/some-repo", "http://127.0.0.1/repo.git", "ssh://git@example.org/repo.git"] {
                let body = try IngestionHarness.json(["repo_url": repo, "knowledge_base_id": kb])
                try await client.execute(uri: "/api/v1/ingestion/git", method: .post, headers: IngestionHarness.adminJSON, body: body) {
                    response in
                    #expect(response.status == .badRequest, "\(repo): \(response.status)")
                }
            }
            try await client.execute(uri: "/api/v1/ingestion/tasks", method: .get, headers: GatewayHarness.admin) { response in
                #expect((response.json["tasks"] as? [[String: Any]])?.isEmpty == true)
            }
        }
    }

    @Test("a git repository is cloned and indexed; re-ingesting it re-indexes changed files and removes gone ones")
    func gitRepository() async throws {
        let folder = try TemporaryDirectory()
        let repo = folder.file("repo")
        try FileManager.default.createDirectory(atPath: repo + "/docs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repo + "/src", withIntermediateDirectories: true)
        try "# Deploy\n\nDeployments go out on Wednesdays after the freeze.\n".write(
            toFile: repo + "/docs/deploy.md", atomically: true, encoding: .utf8)
        try "# Oncall\n\nThe oncall engineer carries the pager for a week.\n".write(
            toFile: repo + "/docs/oncall.md", atomically: true, encoding: .utf8)
        try "# Readme\n\nThis repository holds the operations runbook.\n".write(
            toFile: repo + "/README.md", atomically: true, encoding: .utf8)
        try "let pager = true\n".write(toFile: repo + "/src/main.swift", atomically: true, encoding: .utf8)
        try Self.git(["init", "-q", "-b", "main"], in: repo)
        try Self.commit("first", in: repo)

        let harness = try await IngestionHarness()
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "git")
            let body = try IngestionHarness.json([
                "repo_url": "file://\(repo)", "ref": "main", "paths": ["docs/**/*.md", "README.md"], "knowledge_base_id": kb,
            ])
            let submit: @Sendable () async throws -> [String: Any] = {
                try await client.execute(uri: "/api/v1/ingestion/git", method: .post, headers: IngestionHarness.adminJSON, body: body) {
                    response in
                    #expect(response.status == .accepted, "\(String(buffer: response.body))")
                    return response.json
                }
            }
            let first = try await IngestionHarness.waitForEnd(client, task: try await submit())
            #expect(first["state"] as? String == "succeeded", "\(first)")
            #expect(IngestionHarness.items(first)["indexed"] == 3, "\(first)")
            let prefix = "git:file://\(repo):"
            #expect(
                try await IngestionHarness.sources(client, "deployments wednesdays freeze", knowledgeBase: kb).first == prefix
                    + "docs/deploy.md")
            #expect(
                Set(try await IngestionHarness.documents(client, knowledgeBase: kb).keys) == [
                    prefix + "docs/deploy.md", prefix + "docs/oncall.md", prefix + "README.md",
                ])

            try "# Deploy\n\nDeployments go out on Thursdays now.\n".write(
                toFile: repo + "/docs/deploy.md", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: repo + "/docs/oncall.md")
            try Self.commit("second", in: repo)
            let second = try await IngestionHarness.waitForEnd(client, task: try await submit())
            #expect(second["state"] as? String == "succeeded", "\(second)")
            let items = IngestionHarness.items(second)
            #expect(items["indexed"] == 1 && items["unchanged"] == 1 && items["total"] == 2, "\(second)")
            #expect(
                Set(try await IngestionHarness.documents(client, knowledgeBase: kb).keys) == [
                    prefix + "docs/deploy.md", prefix + "README.md",
                ])
            #expect(
                try await IngestionHarness.sources(client, "deployments thursdays", knowledgeBase: kb).first == prefix + "docs/deploy.md")
            #expect(try await IngestionHarness.sources(client, "oncall pager week", knowledgeBase: kb).isEmpty)

            // A ref that does not exist fails the task with git's reason.
            let bad = try IngestionHarness.json(["repo_url": "file://\(repo)", "ref": "no-such-branch", "knowledge_base_id": kb])
            let failed = try await IngestionHarness.waitForEnd(
                client,
                task: try await client.execute(uri: "/api/v1/ingestion/git", method: .post, headers: IngestionHarness.adminJSON, body: bad)
                { $0.json })
            #expect(failed["state"] as? String == "failed")
            #expect((failed["error"] as? String ?? "").contains("git clone failed"), "\(failed)")

            // Once the branch exists, a retry of the failed task succeeds.
            try Self.git(["branch", "no-such-branch"], in: repo)
            let failedID = try #require(failed["task_id"] as? Int)
            let retried = try await client.execute(
                uri: "/api/v1/ingestion/tasks/\(failedID)/retry", method: .post, headers: GatewayHarness.admin
            ) { response in
                #expect(response.status == .accepted)
                #expect(response.json["state"] as? String == "queued")
                return response.json
            }
            let again = try await IngestionHarness.waitForEnd(client, task: retried)
            #expect(again["state"] as? String == "succeeded" && again["attempts"] as? Int == 2, "\(again)")
            #expect(again["error"] is NSNull)
        }
    }

    @Test("a MediaWiki export becomes one document per page with revision links")
    func mediaWikiExport() async throws {
        let harness = try await IngestionHarness()
        try await harness.run { client in
            let kb = try await IngestionHarness.knowledgeBase(client, slug: "wiki")
            let export = IngestionSamples.mediaWikiExport([
                ("Greenhouse", "== Watering ==\nThe '''greenhouse''' tomatoes are watered at six.\n"),
                ("Beehives", "== Honey ==\nHoney from the [[Beehives|hives]] is harvested in August.\n"),
            ])
            let task = try await IngestionHarness.upload(
                client, knowledgeBase: kb, name: "wiki-export.xml", data: export, contentType: "application/xml")
            #expect(task["kind"] as? String == "wiki")
            let ended = try await IngestionHarness.waitForEnd(client, task: task)
            #expect(ended["state"] as? String == "succeeded", "\(ended)")
            #expect(IngestionHarness.items(ended)["indexed"] == 2, "\(ended)")
            let found = try await IngestionHarness.sources(client, "greenhouse tomatoes watered", knowledgeBase: kb)
            #expect(found.first?.contains("Greenhouse") == true, "\(found)")
            let page = try await client.execute(uri: "/api/v1/knowledge-bases/\(kb)/documents", method: .get, headers: GatewayHarness.admin)
            { $0.json }
            let links = (page["documents"] as? [[String: Any]] ?? []).compactMap { $0["deep_link"] as? String }
            #expect(links.contains { $0.contains("oldid=100") }, "\(links)")
        }
    }

    static func git(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "-c", "user.name=Test", "-c", "user.email=test@example.org"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitFailed(arguments: arguments) }
    }

    static func commit(_ message: String, in directory: String) throws {
        try git(["add", "-A"], in: directory)
        try git(["commit", "-q", "-m", message], in: directory)
    }

    struct GitFailed: Error { var arguments: [String] }
}
