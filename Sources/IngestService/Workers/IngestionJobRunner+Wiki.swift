import Foundation
import Wire

extension IngestionJobRunner {
    /// A MediaWiki XML export: every page is an item.
    func ingestWiki(_ file: IngestSource.File, run: IngestionRun) async throws {
        throw Failure("MediaWiki exports are not read yet")
    }
}
