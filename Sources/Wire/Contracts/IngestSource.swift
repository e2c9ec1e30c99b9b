/// What an ingestion task reads, as `ingest.submit` receives it: exactly one of `file`,
/// `url` or `git`.
///
/// JSON: `{"file":{"staged_path":"var/data/staging/u-1.zip","file_name":"notes.zip","mime":"application/zip","size":5120}}`,
/// `{"url":{"url":"https://example.org/docs/","crawl":{"max_pages":20,"same_host":true}}}` or
/// `{"git":{"repo_url":"https://github.com/org/repo.git","ref":"main","paths":["docs/**/*.md"]}}`.
public struct IngestSource: Codable, Sendable, Equatable {
    public var file: File?
    public var url: Web?
    public var git: Git?

    public init(file: File? = nil, url: Web? = nil, git: Git? = nil) {
        self.file = file
        self.url = url
        self.git = git
    }

    /// A file the gateway staged under `<data>/staging/`; the task owns it from then on
    /// and removes it when it ends.
    public struct File: Codable, Sendable, Equatable {
        public var stagedPath: String
        /// The name the uploader gave it; its extension decides the format.
        public var fileName: String
        public var mime: String?
        public var size: Int64?

        public init(stagedPath: String, fileName: String, mime: String? = nil, size: Int64? = nil) {
            self.stagedPath = stagedPath
            self.fileName = fileName
            self.mime = mime
            self.size = size
        }

        enum CodingKeys: String, CodingKey {
            case mime, size
            case stagedPath = "staged_path"
            case fileName = "file_name"
        }
    }

    /// A web page, and optionally the pages it links to.
    public struct Web: Codable, Sendable, Equatable {
        public var url: String
        public var crawl: Crawl?

        public init(url: String, crawl: Crawl? = nil) {
            self.url = url
            self.crawl = crawl
        }
    }

    /// How far to follow links from the first page: at most `max_pages` pages in all
    /// (default 1: only the page itself), on the same host unless `same_host` is false.
    public struct Crawl: Codable, Sendable, Equatable {
        public var maxPages: Int?
        public var sameHost: Bool?

        public init(maxPages: Int? = nil, sameHost: Bool? = nil) {
            self.maxPages = maxPages
            self.sameHost = sameHost
        }

        enum CodingKeys: String, CodingKey {
            case maxPages = "max_pages"
            case sameHost = "same_host"
        }
    }

    /// A git repository, cloned shallow at `ref` (the default branch when absent); only
    /// files matching one of `paths` (globs, `**` for any depth) when given.
    public struct Git: Codable, Sendable, Equatable {
        public var repoURL: String
        public var ref: String?
        public var paths: [String]?

        public init(repoURL: String, ref: String? = nil, paths: [String]? = nil) {
            self.repoURL = repoURL
            self.ref = ref
            self.paths = paths
        }

        enum CodingKeys: String, CodingKey {
            case ref, paths
            case repoURL = "repo_url"
        }
    }
}
