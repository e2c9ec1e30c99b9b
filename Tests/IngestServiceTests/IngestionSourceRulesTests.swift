import Testing

@testable import IngestService

/// Path globs for git sources and deep links into git hosts.
@Suite struct IngestionSourceRulesTests {
    @Test(
        "globs match by segment, ** across folders",
        arguments: [
            ("docs/**/*.md", "docs/a.md", true), ("docs/**/*.md", "docs/x/y/a.md", true), ("docs/**/*.md", "src/a.md", false),
            ("*.md", "README.md", true), ("*.md", "docs/README.md", false), ("**/README.md", "a/b/README.md", true),
            ("docs/?.txt", "docs/a.txt", true), ("docs/?.txt", "docs/ab.txt", false), ("**", "anything/at/all", true),
        ])
    func glob(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(PathGlob(pattern).matches(path) == matches)
    }

    @Test("deep links follow the host's blob URL layout at the commit")
    func hostLinks() throws {
        let github = try #require(GitHostLink(repoURL: "https://github.com/org/repo.git"))
        #expect(github.link(commit: "abc", path: "docs/a b.md", lines: 3...9) == "https://github.com/org/repo/blob/abc/docs/a%20b.md#L3-L9")
        let gitlab = try #require(GitHostLink(repoURL: "https://gitlab.example.com/group/sub/repo"))
        #expect(gitlab.link(commit: "abc", path: "README.md") == "https://gitlab.example.com/group/sub/repo/-/blob/abc/README.md")
        let gitea = try #require(GitHostLink(repoURL: "https://git.example.org/team/wiki.git/"))
        #expect(gitea.link(commit: "abc", path: "Home.md", lines: 5...5) == "https://git.example.org/team/wiki/src/commit/abc/Home.md#L5")
        #expect(GitHostLink(repoURL: "file:///tmp/repo") == nil)
        #expect(IngestionJobRunner.gitSourcePrefix("https://github.com/org/repo.git/") == "git:https://github.com/org/repo:")
    }
}
