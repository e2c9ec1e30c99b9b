import ServiceSupport

/// Everything `rag-core` needs to start, read once from the settings.
public struct RAGCoreConfiguration: Sendable {
    public var layout: MeshLayout
    public var wire: WireSettings
    /// `ANSWER_MAX_CHARS` (default 1200): the longest answer the built-in answerer writes.
    public var answerMaxCharacters: Int
    /// The LLM answerer's endpoint; nil (no `LLM_BASE_URL`) for built-in answers only.
    public var llm: LLMSettings?
    /// `DEMO_DOCS_DIR`: a folder of Markdown files loaded as the `demo` knowledge base when
    /// the database has none yet (`make run` points it at the project's `docs/`).
    public var demoDocumentsFolder: String?
    /// `RAG_FAULT_KILL_AFTER_SQLITE_COMMIT` (tests only, never in a deployment): the process
    /// SIGKILLs itself right after the n-th document or knowledge-base write commits to
    /// `kb.sqlite` and before the index commit, so a test can check the replay on start.
    public var faultKillAfterSQLiteCommit: Int?

    public init(
        layout: MeshLayout, wire: WireSettings = WireSettings(), answerMaxCharacters: Int = 1200, llm: LLMSettings? = nil,
        demoDocumentsFolder: String? = nil
    ) {
        self.layout = layout
        self.wire = wire
        self.answerMaxCharacters = answerMaxCharacters
        self.llm = llm
        self.demoDocumentsFolder = demoDocumentsFolder
    }

    public init(settings: Settings) throws {
        self.init(
            layout: MeshLayout(settings: settings),
            wire: try WireSettings(settings: settings),
            answerMaxCharacters: try settings.int("ANSWER_MAX_CHARS", default: 1200, range: 100...100_000),
            llm: try LLMSettings(settings: settings),
            demoDocumentsFolder: settings["DEMO_DOCS_DIR"]
        )
        if settings["RAG_FAULT_KILL_AFTER_SQLITE_COMMIT"] != nil {
            faultKillAfterSQLiteCommit = try settings.int("RAG_FAULT_KILL_AFTER_SQLITE_COMMIT", default: 0, range: 1...Int.max)
        }
    }

    /// The knowledge database, `kb.sqlite` in the data directory.
    public var databasePath: String { layout.dataPath("kb.sqlite") }
    /// The search index derived from it, `kb.xapian/` beside it.
    public var indexDirectory: String { layout.dataPath("kb.xapian") }
}
