import Foundation
import NIOCore
import NIOPosix

extension WireServer {
    /// Makes `path` ready to bind: its folder exists, and a socket file left by a dead
    /// process is removed. A socket some live process still answers on is never taken over.
    static func claimSocketPath(_ path: String, eventLoopGroup: any EventLoopGroup) async throws {
        // sun_path holds 108 bytes on Linux, 104 on Darwin, the terminating NUL included.
        guard path.utf8.count < 104 else { throw Error.socketPathTooLong(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        let live: Bool
        do {
            let channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(1))
                .connect(unixDomainSocketPath: path)
                .get()
            try? await channel.close()
            live = true
        } catch {
            live = false
        }
        if live { throw Error.socketInUse(path: path) }
        try FileManager.default.removeItem(atPath: path)
    }
}
