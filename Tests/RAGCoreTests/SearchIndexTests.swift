import Testing

@testable import RAGCore

@Suite struct SearchIndexTests {
    static func chunk(
        _ id: Int64, kb: Int64 = 1, document: Int64 = 1, title: String = "", headings: [String] = [], _ text: String,
        language: TextAnalyzer.Language = .automatic
    ) -> IndexedChunk {
        IndexedChunk(
            chunkID: id, knowledgeBaseID: kb, documentID: document, title: title, headingPath: headings, text: text,
            language: language)
    }

    /// A few unrelated chunks, so that BM25 has document frequencies to work with.
    static let background = [
        chunk(100, document: 100, "Погода завтра будет солнечной, без осадков."),
        chunk(101, document: 101, "The quarterly report covers revenue and costs."),
        chunk(102, document: 102, "Рецепт пирога с яблоками и корицей."),
    ]

    func search(
        _ index: SearchIndex, _ query: String, in knowledgeBases: [Int64] = [1],
        language: TextAnalyzer.Language = .automatic
    ) throws -> [Int64] {
        try index.search(query: query, knowledgeBaseIDs: knowledgeBases, language: language, topK: 10).map(\.chunkID)
    }

    @Test(arguments: [
        ("настройки сервера", "настройка серверов", TextAnalyzer.Language.russian),
        ("ёлка в парке", "елка", .russian),
        ("server configuration", "configuring servers", .english),
        ("Настройки сервера nginx", "настройка серверов NGINX", .automatic),
    ])
    func wordFormsFindEachOther(document: String, query: String, language: TextAnalyzer.Language) async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            try index.upsert(chunks: Self.background + [Self.chunk(1, document, language: language)])
            try index.commit(appliedSequence: 1)
            #expect(try search(index, query, language: language) == [1])
        }
    }

    @Test func querySyntaxIsNeverAnError() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            try index.upsert(chunks: [
                Self.chunk(1, kb: 1, "Погода завтра будет солнечной, без осадков."),
                Self.chunk(2, kb: 1, "Рецепт пирога с яблоками и корицей."),
                Self.chunk(3, kb: 2, "Salt and pepper to taste."),
            ])
            try index.commit(appliedSequence: 1)
            #expect(try search(index, #""" () AND * -"#, in: [1]).isEmpty)
            #expect(try search(index, #""" () * - + : ~ ^ [ ] { } \ / | & ! ?"#, in: [1, 2]).isEmpty)
            #expect(try search(index, "", in: [1, 2]).isEmpty)
            // Operators are plain words: AND is the word "and", the rest is dropped.
            #expect(try search(index, #""" () AND * -"#, in: [1, 2]) == [3])
            #expect(try search(index, #"("пирога" NOT -яблоками*"#, in: [1, 2]) == [2])
        }
    }

    @Test func knowledgeBaseFilterHolds() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            try index.upsert(chunks: [
                Self.chunk(1, kb: 1, "Сброс пароля в личном кабинете"),
                Self.chunk(2, kb: 2, "Сброс пароля через администратора"),
                Self.chunk(3, kb: 3, "Сброс пароля по SMS"),
            ])
            try index.commit(appliedSequence: 1)
            #expect(try search(index, "сброс пароля", in: [2]) == [2])
            #expect(try Set(search(index, "сброс пароля", in: [1, 3])) == [1, 3])
            #expect(try search(index, "сброс пароля", in: [4]).isEmpty)
            #expect(try search(index, "сброс пароля", in: []).isEmpty)
        }
    }

    @Test func hitsCarryTheirIdsAndComeBestFirst() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            try index.upsert(
                chunks: Self.background + [
                    Self.chunk(7, kb: 3, document: 70, "Backup runs nightly."),
                    Self.chunk(
                        8, kb: 3, document: 80, "Backup backup backup: restore a backup from the nightly archive."),
                ])
            try index.commit(appliedSequence: 1)
            let hits = try index.search(query: "backup", knowledgeBaseIDs: [3], language: .english)
            #expect(hits.map(\.chunkID) == [8, 7])
            #expect(hits.map(\.documentID) == [80, 70])
            #expect(hits.allSatisfy { $0.knowledgeBaseID == 3 && $0.score > 0 })
            #expect(hits[0].score > hits[1].score)
            #expect(try index.search(query: "backup", knowledgeBaseIDs: [3], language: .english, topK: 1).count == 1)
        }
    }

    @Test func titleAndHeadingsOutrankBody() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            // Same lengths and one occurrence each, so only the field weighting separates
            // them; the body-only chunk is added first and would win a tie.
            try index.upsert(
                chunks: Self.background + [
                    Self.chunk(1, document: 1, title: "Справка", "Отпуск оформляют заранее через портал"),
                    Self.chunk(2, document: 2, title: "Отпуск", "Заявление оформляют заранее через портал"),
                    Self.chunk(
                        3, document: 3, title: "Справка", headings: ["Кадры", "Отпуск"],
                        "Заявление оформляют заранее через портал"),
                ])
            try index.commit(appliedSequence: 1)
            #expect(try search(index, "отпуск") == [2, 3, 1])
        }
    }

    @Test func upsertReplacesInsteadOfDuplicating() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            try index.upsert(chunks: [Self.chunk(1, "старый текст про принтер")])
            try index.upsert(chunks: [Self.chunk(1, "новый текст про принтер")])
            try index.commit(appliedSequence: 1)
            #expect(try index.documentCount() == 1)
            #expect(try search(index, "принтер") == [1])
            #expect(try search(index, "старый").isEmpty)
            #expect(try search(index, "новый") == [1])
        }
    }

    @Test func deletesByDocumentAndKnowledgeBase() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            try index.upsert(chunks: [
                Self.chunk(1, kb: 1, document: 10, "VPN доступ, часть первая"),
                Self.chunk(2, kb: 1, document: 10, "VPN доступ, часть вторая"),
                Self.chunk(3, kb: 1, document: 11, "VPN доступ для гостей"),
                Self.chunk(4, kb: 2, document: 20, "VPN доступ в филиале"),
                Self.chunk(5, kb: 2, document: 21, "VPN доступ для подрядчиков"),
            ])
            try index.commit(appliedSequence: 1)
            try index.deleteDocument(id: 10)
            // Uncommitted deletes are not yet visible to searches.
            #expect(try Set(search(index, "vpn", in: [1])) == [1, 2, 3])
            try index.commit(appliedSequence: 2)
            #expect(try search(index, "vpn", in: [1]) == [3])
            try index.deleteKnowledgeBase(id: 2)
            try index.commit(appliedSequence: 3)
            #expect(try search(index, "vpn", in: [2]).isEmpty)
            #expect(try search(index, "vpn", in: [1, 2]) == [3])
            #expect(try index.documentCount() == 1)
        }
    }

    @Test func appliedSequenceSurvivesReopen() async throws {
        try await withTemporaryIndexDirectory { path in
            do {
                let index = try SearchIndex(directory: path)
                #expect(try index.appliedSequence() == 0)
                try index.upsert(chunks: [Self.chunk(1, "журнал изменений")])
                try index.commit(appliedSequence: 42)
                #expect(try index.appliedSequence() == 42)
            }
            let reopened = try SearchIndex(directory: path)
            #expect(try reopened.appliedSequence() == 42)
            #expect(try search(reopened, "журнал") == [1])
        }
    }

    @Test func secondWriterOnTheSameDirectoryIsLocked() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path)
            #expect {
                _ = try SearchIndex(directory: path)
            } throws: { error in
                guard case .locked(let message) = error as? SearchIndex.Error else { return false }
                return !message.isEmpty
            }
            withExtendedLifetime(index) {}
        }
    }

    @Test func unopenableDirectoryIsAnErrorWithXapiansMessage() throws {
        #expect {
            _ = try SearchIndex(directory: "/proc/self/no-such-place/kb.xapian")
        } throws: { error in
            guard let error = error as? SearchIndex.Error else { return false }
            return !error.message.isEmpty
        }
    }
}
