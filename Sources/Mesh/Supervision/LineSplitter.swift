import NIOCore

/// Cuts a byte stream into lines. A line longer than `maximumLength` is handed on in pieces,
/// so one runaway writer cannot make the reader hold unbounded memory.
struct LineSplitter {
    let maximumLength: Int
    private var pending: [UInt8] = []

    init(maximumLength: Int = 64 * 1024) {
        self.maximumLength = maximumLength
    }

    /// The complete lines in `buffer` (without their `\n` or `\r\n`); the rest waits for more.
    mutating func append(_ buffer: inout ByteBuffer) -> [String] {
        var lines: [String] = []
        while buffer.readableBytes > 0 {
            let view = buffer.readableBytesView
            if let newline = view.firstIndex(of: UInt8(ascii: "\n")) {
                pending.append(contentsOf: view[view.startIndex..<newline])
                buffer.moveReaderIndex(to: newline + 1)
                lines.append(take())
            } else {
                pending.append(contentsOf: view)
                buffer.moveReaderIndex(forwardBy: view.count)
                if pending.count >= maximumLength { lines.append(take()) }
            }
        }
        return lines
    }

    /// What is left after the stream ended, if anything.
    mutating func finish() -> String? {
        pending.isEmpty ? nil : take()
    }

    private mutating func take() -> String {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        defer { pending.removeAll(keepingCapacity: true) }
        return String(decoding: pending, as: UTF8.self)
    }
}
