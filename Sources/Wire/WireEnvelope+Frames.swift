import NIOCore

// The envelopes every call writes and reads, coded directly rather than through `Codable`.
//
// Through `Codable`, each envelope and each `ctx` is a keyed container: a box allocated per
// value, generic metadata looked up at run time (the envelopes are generic over the method's
// types), and a witness call per member. That was about a tenth of each side's CPU per round
// trip. Here the envelope's own members are written and read in place; only the method's
// `params` and `result` go through their `encode(to:)` and `init(from:)`. The bytes are the
// ones `CompactJSONEncoder` wrote for the `Codable` form (keys in declared order, absent
// optionals left out), and reading accepts what `CompactJSONDecoder` accepted.

extension WireRequestEnvelope {
    /// The request as one frame: `{"v":1,"id":…,"method":…,"params":…,"ctx":{…}}`.
    func frame(allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try CompactJSONEncoder.frame(allocator: allocator) { output in
            output.envelopeStart(version: v, id: id)
            output.buffer.writeStaticString(#","method":"#)
            output.string(method)
            output.buffer.writeStaticString(#","params":"#)
            try StreamingJSONEncoder.encode(params, at: WireEnvelopeKey.params, into: output)
            output.buffer.writeStaticString(#","ctx":"#)
            ctx.write(to: output)
            output.byte(UInt8(ascii: "}"))
        }
    }
}

extension WireResultEnvelope {
    /// The answer as one frame: `{"v":1,"id":…,"result":…}`.
    func frame(allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try CompactJSONEncoder.frame(allocator: allocator) { output in
            output.envelopeStart(version: v, id: id)
            output.buffer.writeStaticString(#","result":"#)
            try StreamingJSONEncoder.encode(result, at: WireEnvelopeKey.result, into: output)
            output.byte(UInt8(ascii: "}"))
        }
    }
}

extension JSONOutput {
    /// `{"v":…,"id":…`, the start of every envelope (what `WireEnvelopePrefix` reads).
    fileprivate func envelopeStart(version: Int, id: UInt64) {
        buffer.writeStaticString(#"{"v":"#)
        integer(Int64(version))
        buffer.writeStaticString(#","id":"#)
        integer(id)
    }
}

extension WireContext {
    /// `{"correlation_id":…,"telegram_id":…,"deadline_ms":…}`, absent members left out.
    func write(to output: JSONOutput) {
        // The spellings of `CodingKeys`, which the `Codable` form (used by tests and by
        // anyone encoding a context themselves) keeps; a test holds the two forms equal.
        output.buffer.writeStaticString(#"{"correlation_id":"#)
        output.string(correlationID)
        if let telegramID {
            output.buffer.writeStaticString(#","telegram_id":"#)
            output.integer(telegramID)
        }
        if let deadlineMs {
            output.buffer.writeStaticString(#","deadline_ms":"#)
            output.integer(deadlineMs)
        }
        output.byte(UInt8(ascii: "}"))
    }

    /// The context at `index` of `tape`; nil when it is not of the form `{correlation_id,
    /// telegram_id?, deadline_ms?}` (a null optional reads as absent, unknown members are
    /// ignored).
    init?(tape: JSONTape, at index: Int) {
        guard tape[index].kind == .object else { return nil }
        var correlationID: String??
        var telegramID: Int64??
        var deadlineMs: Int64??
        // Of a repeated member the first counts, as the keyed container read it.
        for (key, valueIndex) in tape.members(ofObjectAt: index) {
            let value = tape[valueIndex]
            if correlationID == nil, tape.string(key, equals: CodingKeys.correlationID.stringValue) {
                guard value.kind == .string else { return nil }
                correlationID = .some(tape.string(value))
            } else if telegramID == nil, tape.string(key, equals: CodingKeys.telegramID.stringValue) {
                guard let read = Self.optionalInteger(value, in: tape) else { return nil }
                telegramID = .some(read)
            } else if deadlineMs == nil, tape.string(key, equals: CodingKeys.deadlineMs.stringValue) {
                guard let read = Self.optionalInteger(value, in: tape) else { return nil }
                deadlineMs = .some(read)
            }
        }
        guard let correlationID = correlationID ?? nil else { return nil }
        self.init(correlationID: correlationID, telegramID: telegramID ?? nil, deadlineMs: deadlineMs ?? nil)
    }

    /// `.some(nil)` for null, the integer for a number that is one, nil for anything else.
    private static func optionalInteger(_ value: JSONTape.Value, in tape: JSONTape) -> Int64?? {
        switch value.kind {
        case .null: return .some(nil)
        case .number: return tape.integer(value, as: Int64.self).map { .some($0) }
        default: return nil
        }
    }
}

extension WireRequestBody {
    /// The parameters and context of a request frame, its envelope read in place.
    ///
    /// - Throws: the `DecodingError` of a frame that is not a JSON object, or of parameters
    ///   that do not fit `Params` (its path starts at `params`).
    static func decode(from frame: ByteBuffer) throws -> WireRequestBody {
        let (tape, decoder) = try TapeDecoder.envelope(frame)
        var body = WireRequestBody()
        var (sawParams, sawContext) = (false, false)
        // Of a repeated member the first counts, as the keyed container read it.
        for (key, valueIndex) in tape.members(ofObjectAt: 0) {
            if !sawParams, tape.string(key, equals: WireEnvelopeKey.params.stringValue) {
                sawParams = true
                if tape[valueIndex].kind != .null {
                    body.params = try decoder.decodeValue(Params.self, at: valueIndex, key: WireEnvelopeKey.params)
                }
            } else if !sawContext, tape.string(key, equals: WireEnvelopeKey.ctx.stringValue) {
                sawContext = true
                if tape[valueIndex].kind != .null {
                    body.ctx = WireContext(tape: tape, at: valueIndex)
                    if body.ctx == nil { body.ctxProblem = Self.ctxProblemText }
                }
            }
        }
        return body
    }
}

extension WireResponseResult {
    /// The result of a successful response frame, its envelope read in place.
    static func decode(from frame: ByteBuffer) throws -> Result {
        let (tape, decoder) = try TapeDecoder.envelope(frame)
        for (key, valueIndex) in tape.members(ofObjectAt: 0) where tape.string(key, equals: WireEnvelopeKey.result.stringValue) {
            return try decoder.decodeValue(Result.self, at: valueIndex, key: WireEnvelopeKey.result)
        }
        throw DecodingError.keyNotFound(
            WireEnvelopeKey.result, .init(codingPath: [], debugDescription: "No value associated with key result."))
    }
}

extension TapeDecoder {
    /// The tape of an envelope frame and the decoder of its top level, which must be an object.
    static func envelope(_ frame: ByteBuffer) throws -> (JSONTape, TapeDecoder) {
        let tape = try JSONTape.decoding(frame)
        let decoder = TapeDecoder(tape: tape, index: 0, parent: nil, key: nil)
        guard tape[0].kind == .object else { throw decoder.typeMismatch([String: Any].self, at: 0, key: nil) }
        return (tape, decoder)
    }
}

/// The envelope members read in place; `params` and `result` are also the first step of the
/// coding paths of the method's own values.
enum WireEnvelopeKey: String, CodingKey {
    case params, ctx, result
}
