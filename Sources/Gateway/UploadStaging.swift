import Foundation
import HTTPTypes
import HTTPServing
import NIOCore
import NIOFileSystem
import ServiceSupport
import Synchronization
import Wire

/// Streams an upload's body to a file in `<data>/staging/`, never holding it whole in
/// memory, and stops with 413 once it passes `UPLOAD_MAX_BYTES` (the partial file removed).
/// A `multipart/form-data` body is staged first and its `file` part cut out afterwards.
/// Only the staged path crosses Wire; ingest-service removes the file when the task ends.
struct UploadStaging: Sendable {
    /// `<data>/staging`, shared with ingest-service, which refuses paths outside it.
    let directory: String
    /// `UPLOAD_MAX_BYTES`.
    let maxBytes: Int

    init(layout: MeshLayout, maxBytes: Int) {
        directory = layout.dataPath("staging")
        self.maxBytes = maxBytes
    }

    /// An upload on disk, ready for `ingest.submit`.
    struct StagedUpload: Sendable {
        var path: String
        var fileName: String
        var mime: String?
        var size: Int64
        /// The SHA-256 (hex) of the request body as received, multipart framing included:
        /// what a bot's signature covers. Computed only for a bot-signed upload, else nil.
        var bodySHA256: String?
    }

    /// Stages the body of `request`. `fileName` is the name given outside the body (query
    /// or headers); a multipart part's own file name is used when there is none.
    func stage(_ request: Request, fileName: String?, context: GatewayRequestContext) async throws -> StagedUpload {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw tooLarge
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stem = (directory as NSString).appendingPathComponent("upload-\(UUID().uuidString.lowercased())")
        let rawPath = stem + ".part"
        let counter = UploadByteLimit<RequestBody>.Counter(hashing: context.deferredSignature != nil)
        do {
            try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(rawPath), options: .newFile(replaceExisting: true)) { file in
                try await file.withBufferedWriter { writer in
                    _ = try await writer.write(contentsOf: UploadByteLimit(base: request.body, maxBytes: maxBytes, counter: counter))
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: rawPath)
            if error is UploadByteLimit<RequestBody>.Exceeded || counter.bytes.load(ordering: .relaxed) > maxBytes { throw tooLarge }
            throw error
        }
        let contentType = request.headers[.contentType]
        guard let boundary = contentType.flatMap(UploadMultipartPart.boundary(ofContentType:)) else {
            guard let fileName else {
                try? FileManager.default.removeItem(atPath: rawPath)
                throw Self.nameMissing
            }
            try FileManager.default.moveItem(atPath: rawPath, toPath: stem)
            return StagedUpload(
                path: stem, fileName: fileName, mime: Self.documentType(contentType), size: Self.size(of: stem),
                bodySHA256: counter.sha256Hex)
        }
        defer { try? FileManager.default.removeItem(atPath: rawPath) }
        let body = try Data(contentsOf: URL(fileURLWithPath: rawPath), options: .alwaysMapped)
        let part: UploadMultipartPart
        do {
            part = try UploadMultipartPart.find(in: body, boundary: boundary)
        } catch {
            throw GatewayError(.badRequest, error.description, details: ["field": "file"])
        }
        guard let name = fileName ?? part.fileName.flatMap(UploadFileName.sanitized) else {
            throw Self.nameMissing
        }
        do {
            try Self.copy(body, range: part.range, to: stem)
        } catch {
            try? FileManager.default.removeItem(atPath: stem)
            throw error
        }
        return StagedUpload(
            path: stem, fileName: name, mime: Self.documentType(part.contentType), size: Int64(part.range.count),
            bodySHA256: counter.sha256Hex)
    }

    private var tooLarge: GatewayError {
        GatewayError(
            .tooLarge, "the upload is larger than \(maxBytes) bytes (UPLOAD_MAX_BYTES)", details: ["max_bytes": .int(Int64(maxBytes))])
    }

    private static let nameMissing = GatewayError(
        .badRequest, "name the file: ?filename=…, a Content-Disposition or X-File-Name header, or a multipart file part with a filename",
        details: ["field": "filename"])

    /// A declared type worth passing on; generic binary types say nothing about the format.
    private static func documentType(_ contentType: String?) -> String? {
        guard let contentType, !contentType.lowercased().hasPrefix("application/octet-stream") else { return nil }
        return contentType
    }

    /// Writes `data[range]` to a new file at `path`, a mebibyte at a time.
    private static func copy(_ data: Data, range: Range<Int>, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let end = min(offset + (1 << 20), range.upperBound)
            try handle.write(contentsOf: data[offset..<end])
            offset = end
        }
    }

    private static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
