import Foundation

/// An ingestion task as callers see it: what it reads, where it is, and what it did so far.
///
/// JSON: `{"task_id":12,"knowledge_base_id":1,"kind":"archive","source":"notes.zip",
/// "submitted_by":42,"state":"running","stage":"indexing","percent":40,
/// "items":{"total":10,"done":4,"indexed":3,"unchanged":1,"skipped":0,"failed":0},
/// "bytes":{"done":0,"total":0},"failures":[{"item":"a.pdf","reason":"…"}],"error":null,
/// "attempts":1,"eta_seconds":12,"created_at":"…","updated_at":"…","finished_at":null}`.
/// `stage`, `error`, `eta_seconds`, `submitted_by` and `finished_at` are written as `null`
/// when they have no value, so a client can rely on every key being present.
public struct IngestTask: Codable, Sendable, Equatable {
    public var id: Int64
    public var knowledgeBaseID: Int64
    public var kind: IngestTaskKind
    /// What a person would call the source: a file name, a URL, a repository URL.
    public var source: String
    /// The Telegram id of whoever submitted it; nil for the admin token.
    public var submittedBy: Int64?
    public var state: IngestTaskState
    public var stage: IngestTaskStage?
    /// 0…100, from the items done (or bytes, before the items are known).
    public var percent: Int
    public var items: Items
    public var bytes: Bytes
    /// Items that could not be indexed, each with its reason (at most the first 100).
    public var failures: [Failure]
    /// Why the whole task failed, when it did.
    public var error: String?
    /// How many times a worker started it (a resume after a crash counts too).
    public var attempts: Int
    /// A guess from the pace so far; nil while there is nothing to go on.
    public var etaSeconds: Int?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    /// Item counts: `done` = `indexed` + `unchanged` + `skipped` + `failed`.
    public struct Items: Codable, Sendable, Equatable {
        public var total: Int
        public var done: Int
        public var indexed: Int
        public var unchanged: Int
        public var skipped: Int
        public var failed: Int

        public init(total: Int = 0, done: Int = 0, indexed: Int = 0, unchanged: Int = 0, skipped: Int = 0, failed: Int = 0) {
            self.total = total
            self.done = done
            self.indexed = indexed
            self.unchanged = unchanged
            self.skipped = skipped
            self.failed = failed
        }
    }

    /// Bytes read of the source, when its size is known up front.
    public struct Bytes: Codable, Sendable, Equatable {
        public var done: Int64
        public var total: Int64

        public init(done: Int64 = 0, total: Int64 = 0) {
            self.done = done
            self.total = total
        }
    }

    /// One item that failed, and why.
    public struct Failure: Codable, Sendable, Equatable {
        public var item: String
        public var reason: String

        public init(item: String, reason: String) {
            self.item = item
            self.reason = reason
        }
    }

    public init(
        id: Int64, knowledgeBaseID: Int64, kind: IngestTaskKind, source: String, submittedBy: Int64?, state: IngestTaskState,
        stage: IngestTaskStage?, percent: Int, items: Items, bytes: Bytes, failures: [Failure], error: String?, attempts: Int,
        etaSeconds: Int?, createdAt: Date, updatedAt: Date, finishedAt: Date?
    ) {
        self.id = id
        self.knowledgeBaseID = knowledgeBaseID
        self.kind = kind
        self.source = source
        self.submittedBy = submittedBy
        self.state = state
        self.stage = stage
        self.percent = percent
        self.items = items
        self.bytes = bytes
        self.failures = failures
        self.error = error
        self.attempts = attempts
        self.etaSeconds = etaSeconds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case kind, source, state, stage, percent, items, bytes, failures, error, attempts
        case id = "task_id"
        case knowledgeBaseID = "knowledge_base_id"
        case submittedBy = "submitted_by"
        case etaSeconds = "eta_seconds"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finishedAt = "finished_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        knowledgeBaseID = try container.decode(Int64.self, forKey: .knowledgeBaseID)
        kind = try container.decode(IngestTaskKind.self, forKey: .kind)
        source = try container.decode(String.self, forKey: .source)
        submittedBy = try container.decodeIfPresent(Int64.self, forKey: .submittedBy)
        state = try container.decode(IngestTaskState.self, forKey: .state)
        stage = try container.decodeIfPresent(IngestTaskStage.self, forKey: .stage)
        percent = try container.decode(Int.self, forKey: .percent)
        items = try container.decode(Items.self, forKey: .items)
        bytes = try container.decode(Bytes.self, forKey: .bytes)
        failures = try container.decodeIfPresent([Failure].self, forKey: .failures) ?? []
        error = try container.decodeIfPresent(String.self, forKey: .error)
        attempts = try container.decode(Int.self, forKey: .attempts)
        etaSeconds = try container.decodeIfPresent(Int.self, forKey: .etaSeconds)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        updatedAt = try container.decodeTimestamp(forKey: .updatedAt)
        finishedAt = try container.decodeTimestampIfPresent(forKey: .finishedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(knowledgeBaseID, forKey: .knowledgeBaseID)
        try container.encode(kind, forKey: .kind)
        try container.encode(source, forKey: .source)
        try container.encode(submittedBy, forKey: .submittedBy)
        try container.encode(state, forKey: .state)
        try container.encode(stage, forKey: .stage)
        try container.encode(percent, forKey: .percent)
        try container.encode(items, forKey: .items)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(failures, forKey: .failures)
        try container.encode(error, forKey: .error)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(etaSeconds, forKey: .etaSeconds)
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestamp(updatedAt, forKey: .updatedAt)
        if let finishedAt {
            try container.encodeTimestamp(finishedAt, forKey: .finishedAt)
        } else {
            try container.encodeNil(forKey: .finishedAt)
        }
    }
}
