import Foundation
import TestSupport
import Testing

@testable import IngestService

@Suite struct StagingSweepTests {
    @Test("old staged files go unless a queued or running task uses them; new ones stay")
    func sweep() throws {
        let directory = try TemporaryDirectory()
        let staging = directory.file("staging")
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let old = Date(timeIntervalSinceNow: -8 * 24 * 3600)
        var paths: [String] = []
        for name in ["upload-old", "upload-in-use", "upload-new"] {
            let path = (staging as NSString).appendingPathComponent(name)
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
            if name != "upload-new" { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path) }
            paths.append(path)
        }
        let removed = StagingSweep(directory: staging, maxAge: 7 * 24 * 3600).run(keeping: [paths[1]])
        #expect(removed == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging).sorted() == ["upload-in-use", "upload-new"])
    }
}
