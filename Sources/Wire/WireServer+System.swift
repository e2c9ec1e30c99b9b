#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension WireServer {
    /// `sys.health` and `sys.info`, which every server answers the same way.
    static func registerSystemMethods(in table: inout WireHandlerTable, configuration: Configuration, stats: WireServerStats) {
        let service = configuration.serviceName
        let version = configuration.version
        let methods = (table.methodNames + [SysHealth.name, SysInfo.name]).sorted()
        table.register(SysHealth.self) { _, _ in
            SysHealth.Result(status: "ok", service: service)
        }
        table.register(SysInfo.self) { _, _ in
            SysInfo.Result(
                service: service,
                version: version,
                pid: getpid(),
                uptimeSeconds: stats.uptimeSeconds,
                inFlight: stats.inFlightCount,
                methods: methods
            )
        }
    }
}
