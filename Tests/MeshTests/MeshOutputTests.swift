import Foundation
import Testing
import Wire

@testable import Mesh

/// What the mesh shows: merged lines, pretty lines, the status table, the kept log lines.
@Suite struct MeshOutputTests {
    @Test("JSON lines stay intact behind the padded service name")
    func jsonConsole() {
        let console = MeshConsole.buffer(format: .json)
        console.alignNames(["users-service", "rag-core"])
        let line = #"{"ts":"2026-01-02T03:04:05.678Z","level":"info","service":"rag-core","msg":"hello"}"#
        console.write(service: "rag-core", line: line)
        #expect(console.lines == ["rag-core      | " + line])
    }

    @Test("pretty lines read hh:mm:ss level service msg key=value")
    func prettyLine() {
        let date = Date(timeIntervalSince1970: 1_767_322_800)  // any instant; shown in local time
        let clock = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        let ts = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line =
            #"{"ts":"\#(ts)","level":"warning","service":"users-service","msg":"slow query","ms":412,"query":"two words","ok":false,"tags":["a","b"]}"#
        let rendered = PrettyLogLine(line: line, fallbackService: "users-service").rendered(nameWidth: 14)
        let time = String(format: "%02d:%02d:%02d", clock.hour!, clock.minute!, clock.second!)
        #expect(rendered == #"\#(time) warning  users-service  slow query ms=412 ok=false query="two words" tags=["a","b"]"#)
    }

    @Test("a line that is not JSON is shown as it is")
    func prettyPlainLine() {
        let rendered = PrettyLogLine(line: "panic: out of cheese", fallbackService: "rag-core").rendered(nameWidth: 8)
        #expect(rendered.hasSuffix("          rag-core panic: out of cheese"))
    }

    @Test("the status table has one row per service and the notes below")
    func statusTable() {
        let table = StatusTable(services: [
            MeshStatus.Service(
                name: "users-service", state: .running, pid: 4242, uptimeSeconds: 3725, restarts: 2, health: "ok",
                lastExit: "signal 9 (SIGKILL)"),
            MeshStatus.Service(name: "bot-edge", state: .disabled, health: "-", note: "TELEGRAM_BOT_TOKEN is not set"),
        ]).rendered
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "SERVICE        STATE     PID   UPTIME  RESTARTS  HEALTH  LAST EXIT")
        #expect(lines[1] == "users-service  running   4242  1h02m   2         ok      signal 9 (SIGKILL)")
        #expect(lines[2] == "bot-edge       disabled  -     -       0         -       -")
        #expect(lines[4] == "  bot-edge: TELEGRAM_BOT_TOKEN is not set")
    }

    @Test("uptime reads in the two largest units", arguments: [(5.0, "5s"), (65, "1m05s"), (3600, "1h00m"), (90061, "1d01h")])
    func uptime(seconds: Double, text: String) {
        #expect(StatusTable.uptime(seconds) == text)
    }

    @Test("a service log keeps the last lines, numbered, and answers only what is new")
    func serviceLog() {
        let log = ServiceLog(capacity: 3)
        #expect(log.lines(last: 10) == ([], 0))
        for number in 1...5 { log.append("line \(number)") }
        #expect(log.lines(last: 10).lines == ["line 3", "line 4", "line 5"], "bounded: the oldest are gone")
        #expect(log.lines(last: 2).lines == ["line 4", "line 5"])
        #expect(log.lines(last: 10).lastSequence == 5)
        #expect(log.lines(last: 10, after: 4).lines == ["line 5"])
        #expect(log.lines(last: 10, after: 5).lines == [])
        log.append("line 6")
        #expect(log.lines(last: 10, after: 5) == (["line 6"], 6))
    }

    @Test("exit reasons read the way mesh status shows them")
    func exitReasons() {
        #expect(ExitReason.exited(status: 3).description == "exit 3")
        #expect(ExitReason.signaled(SIGKILL).description == "signal 9 (SIGKILL)")
        #expect(ExitReason.startTimedOut(.seconds(20)).description == "not healthy within 20s")
        #expect(!ExitReason.exited(status: 0).isFailure)
        #expect(ExitReason.signaled(SIGTERM).isFailure)
    }
}
