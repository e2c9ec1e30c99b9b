import Foundation
import Wire

/// `mesh status` as a table: service, state, pid, uptime, restarts, health, last exit; notes
/// (why a service is disabled or failed) follow below.
struct StatusTable {
    let services: [MeshStatus.Service]

    var rendered: String {
        let header = ["SERVICE", "STATE", "PID", "UPTIME", "RESTARTS", "HEALTH", "LAST EXIT"]
        let rows = services.map { service in
            [
                service.name,
                service.state.rawValue,
                service.pid.map(String.init) ?? "-",
                service.uptimeSeconds.map(Self.uptime) ?? "-",
                String(service.restarts),
                service.health,
                service.lastExit ?? "-",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in [header] + rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        let notes = services.compactMap { service in service.note.map { "  \(service.name): \($0)" } }
        if !notes.isEmpty {
            text += "\n" + notes.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// `42s`, `3m04s`, `2h05m`, `3d04h`.
    static func uptime(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes, secs) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if days > 0 { return "\(days)d\(two(hours))h" }
        if hours > 0 { return "\(hours)h\(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m\(two(secs))s" }
        return "\(secs)s"
    }
}
