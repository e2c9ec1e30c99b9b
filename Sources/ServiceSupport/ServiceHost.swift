import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// The life of one mesh process: read settings, set up JSON logging, run its services until
/// SIGTERM or SIGINT, and stop gracefully. Executables are a single call to `main`.
public enum ServiceHost {
    /// Runs the process named `service`. `build` turns the settings into the services to run;
    /// a `ConfigurationError` it throws is printed as one clear line and exits with status 2.
    public static func main(
        service: String,
        build: (Settings, Logger) async throws -> [any Service]
    ) async {
        await runOnce(service: service) { settings, logger in
            var services = try await build(settings, logger)
            if let watch = SupervisorWatch(settings: settings, logger: logger) {
                services.append(watch)
            }
            try await run(services, logger: logger)
        }
    }

    /// Runs one task of the process named `service` (e.g. `rag-core reindex`) with the same
    /// settings, logging and error handling as `main`, then exits.
    public static func runOnce(service: String, _ work: (Settings, Logger) async throws -> Void) async {
        // Logs go to stderr, usually a pipe to `mesh`. Should the mesh die, a log line must
        // fail quietly (EPIPE) rather than kill the process mid-request with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let settings: Settings
        let logger: Logger
        do {
            settings = try Settings.load()
            let level = try settings.choice("LOG_LEVEL", default: Logger.Level.info)
            bootstrapLogging(service: service, level: level)
            logger = Logger(label: service)
        } catch {
            exit(failure: error, service: service)
        }
        do {
            try await work(settings, logger)
        } catch let error as ConfigurationError {
            exit(failure: error, service: service)
        } catch {
            logger.critical("process failed", metadata: ["error": "\(error)"])
            Foundation.exit(1)
        }
    }

    /// Runs Swift concurrency on NIO's event loop threads, so a request is not handed between
    /// two thread pools on its way in and out. Call first thing in `main`, before any `await`.
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Runs `services` in one group until a shutdown signal, then shuts them down in reverse order.
    public static func run(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }

    /// Installs `JSONLogHandler` for the whole process. Call once, before the first logger.
    public static func bootstrapLogging(service: String, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            JSONLogHandler(service: service, label: label, level: level)
        }
    }

    private static func exit(failure: any Error, service: String) -> Never {
        FileHandle.standardError.write(Data("\(service): \(failure)\n".utf8))
        Foundation.exit(2)
    }
}
