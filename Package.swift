// swift-tools-version:6.2
import PackageDescription

/// One set of settings for every target: Swift 6 mode (strict concurrency), plus the
/// upcoming features the house style asks for.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioFoundationCompat = Target.Dependency.product(name: "NIOFoundationCompat", package: "swift-nio")
let nioEmbedded = Target.Dependency.product(name: "NIOEmbedded", package: "swift-nio")
let nioExtras = Target.Dependency.product(name: "NIOExtras", package: "swift-nio-extras")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let subprocess = Target.Dependency.product(name: "Subprocess", package: "swift-subprocess")

let package = Package(
    name: "KnowledgeMesh",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Wire", targets: ["Wire"]),
        .executable(name: "gateway", targets: ["GatewayMain"]),
        .executable(name: "users-service", targets: ["UsersServiceMain"]),
        .executable(name: "rag-core", targets: ["RAGCoreMain"]),
        .executable(name: "ingest-service", targets: ["IngestServiceMain"]),
        .executable(name: "bot-edge", targets: ["BotEdgeMain"]),
        .executable(name: "mesh", targets: ["MeshMain"]),
        .executable(name: "wire-bench", targets: ["WireBench"]),
        .executable(name: "rag-eval", targets: ["RAGEval"]),
        .executable(name: "rag-bench", targets: ["RAGBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // MARK: Libraries
        .target(
            name: "Wire",
            dependencies: [nioCore, nioPosix, nioExtras, nioFoundationCompat, logging, serviceLifecycle],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceSupport",
            dependencies: [logging, serviceLifecycle, unixSignals, crypto, nioCore, nioPosix, "Wire"],
            swiftSettings: swiftSettings
        ),
        // The gateway's and the bot's HTTP/1.1 server: NIO's codec, a router, middleware.
        .target(
            name: "HTTPServing",
            dependencies: [nioCore, nioPosix, nioHTTP1, nioExtras, httpTypes, logging, serviceLifecycle],
            swiftSettings: swiftSettings
        ),
        // The HTTP(S) requests the services make: Telegram, web pages, the LLM, the gateway.
        .target(
            name: "OutboundHTTP",
            dependencies: [nioCore, nioPosix, nioHTTP1, nioSSL, nioFoundationCompat],
            swiftSettings: swiftSettings
        ),
        // Opening a service's own SQLite file, and paging tokens: shared by the services that own one.
        .target(
            name: "SQLiteStorage",
            dependencies: [grdb],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "UsersService",
            dependencies: ["Wire", "ServiceSupport", "SQLiteStorage", grdb, logging, serviceLifecycle],
            swiftSettings: swiftSettings
        ),
        // The system's zlib (zlib1g-dev): raw deflate for zip archives, in ingestion and in test fixtures.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The thin C API over Xapian's C++ library; RAGCore is its only user.
        .target(
            name: "CXapian",
            path: "Sources/CXapian",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        .target(
            name: "RAGCore",
            dependencies: ["Wire", "ServiceSupport", "SQLiteStorage", "CXapian", crypto, grdb, logging, serviceLifecycle, "OutboundHTTP", nioHTTP1, nioPosix],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IngestService",
            dependencies: ["Wire", "ServiceSupport", "SQLiteStorage", grdb, logging, serviceLifecycle, "OutboundHTTP", nioHTTP1, "CZlib", subprocess, crypto, nioCore, nioPosix],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "Wire", "ServiceSupport", "HTTPServing", httpTypes, logging, serviceLifecycle, crypto, metrics, prometheus, nioCore,
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BotEdge",
            dependencies: ["ServiceSupport", "HTTPServing", "OutboundHTTP", httpTypes, logging, serviceLifecycle, crypto, nioCore, nioHTTP1],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Mesh",
            dependencies: ["Wire", "ServiceSupport", logging, serviceLifecycle, argumentParser, yams, nioCore, nioPosix, nioHTTP1, "OutboundHTTP"],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables: thin `@main`s over the libraries' builders
        .executableTarget(name: "GatewayMain", dependencies: ["Gateway", "ServiceSupport"], path: "Sources/Executables/gateway", swiftSettings: swiftSettings),
        .executableTarget(name: "UsersServiceMain", dependencies: ["UsersService", "ServiceSupport"], path: "Sources/Executables/users-service", swiftSettings: swiftSettings),
        .executableTarget(name: "RAGCoreMain", dependencies: ["RAGCore", "ServiceSupport"], path: "Sources/Executables/rag-core", swiftSettings: swiftSettings),
        .executableTarget(name: "IngestServiceMain", dependencies: ["IngestService", "ServiceSupport"], path: "Sources/Executables/ingest-service", swiftSettings: swiftSettings),
        .executableTarget(name: "BotEdgeMain", dependencies: ["BotEdge", "ServiceSupport"], path: "Sources/Executables/bot-edge", swiftSettings: swiftSettings),
        .executableTarget(name: "MeshMain", dependencies: ["Mesh"], path: "Sources/Executables/mesh", swiftSettings: swiftSettings),

        // MARK: Benchmarks
        .executableTarget(
            name: "WireBench",
            dependencies: ["Wire", "ServiceSupport", argumentParser, nioCore, nioPosix, logging],
            path: "Benchmarks/WireBench",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "RAGEval",
            dependencies: ["RAGCore", argumentParser],
            path: "Benchmarks/RAGEval",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "RAGBench",
            dependencies: ["RAGCore", "Wire", grdb, argumentParser],
            path: "Benchmarks/RAGBench",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["Wire", "CZlib", "HTTPServing", nioCore, nioPosix, nioHTTP1, httpTypes, logging, serviceLifecycle],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "WireTests", dependencies: ["Wire", "TestSupport", nioCore, nioPosix, nioExtras, nioEmbedded, logging, serviceLifecycle], swiftSettings: swiftSettings),
        .testTarget(name: "ServiceSupportTests", dependencies: ["ServiceSupport", "TestSupport", logging], swiftSettings: swiftSettings),
        .testTarget(
            name: "ContractTests",
            dependencies: ["Wire", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "UsersServiceTests", dependencies: ["UsersService", "SQLiteStorage", "Wire", "TestSupport", grdb, logging], swiftSettings: swiftSettings),
        .testTarget(name: "MeshTests", dependencies: ["Mesh", "Wire", "TestSupport", yams, logging, "OutboundHTTP", nioCore, nioHTTP1], swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["Gateway", "Wire", "ServiceSupport", "TestSupport", "HTTPServing", httpTypes, crypto, yams, logging, nioCore],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RAGCoreTests", dependencies: ["RAGCore", "TestSupport", grdb, logging, serviceLifecycle], swiftSettings: swiftSettings),
        .testTarget(
            name: "IngestServiceTests",
            dependencies: ["IngestService", "Wire", "ServiceSupport", "SQLiteStorage", "TestSupport", grdb, logging, nioCore],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BotEdgeTests",
            dependencies: ["BotEdge", "ServiceSupport", "TestSupport", "HTTPServing", httpTypes, logging, nioCore, crypto],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HTTPServingTests", dependencies: ["HTTPServing", "TestSupport", httpTypes, nioCore, nioPosix, nioHTTP1, logging, serviceLifecycle], swiftSettings: swiftSettings),
        .testTarget(name: "OutboundHTTPTests", dependencies: ["OutboundHTTP", "TestSupport", nioCore, nioPosix, nioHTTP1, nioSSL], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["Wire", "TestSupport"], swiftSettings: swiftSettings),
    ]
)
