import Foundation

/// Finds the package's executables beside the running test binary, so end-to-end tests
/// start exactly what `swift build` produced. `MESH_BIN_DIR` overrides the folder.
public enum BuildProducts {
    public static var directory: String {
        if let override = ProcessInfo.processInfo.environment["MESH_BIN_DIR"], !override.isEmpty {
            return override
        }
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath
            ?? CommandLine.arguments[0]
        // The test binary sits at `.build/<triple>/debug/<Package>PackageTests.xctest`.
        var folder = (selfPath as NSString).deletingLastPathComponent
        while !folder.isEmpty, folder != "/" {
            if FileManager.default.isExecutableFile(atPath: (folder as NSString).appendingPathComponent("users-service")) {
                return folder
            }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return (selfPath as NSString).deletingLastPathComponent
    }

    /// The path of executable `name` (`users-service`, `gateway`, …).
    public static func executable(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// The package's root folder, for fixtures and datasets.
    public static var packageRoot: String {
        var folder = (#filePath as NSString).deletingLastPathComponent
        while !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("Package.swift")), folder != "/" {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return folder
    }
}
