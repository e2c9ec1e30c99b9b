import NIOCore

/// An object's members, written as they are encoded.
struct JSONKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var output: JSONOutput { encoder.output }

    init(encoder: StreamingJSONEncoder) {
        self.encoder = encoder
    }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.beginMember(key)
        output.buffer.writeStaticString("null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.beginMember(key)
        output.buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        encoder.beginMember(key)
        output.string(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.beginMember(key)
        try output.floatingPoint(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        encoder.beginMember(key)
        try output.floatingPoint(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { member(key, Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { member(key, Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { member(key, Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { member(key, Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { member(key, Int64(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { member(key, UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { member(key, UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { member(key, UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { member(key, UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { member(key, UInt64(value)) }

    // Integers go through Int64 and UInt64: concrete code, where a `BinaryInteger` generic
    // ran unspecialised (witness calls for every comparison and division).
    private func member(_ key: Key, _ value: Int64) {
        encoder.beginMember(key)
        output.integer(value)
    }

    private func member(_ key: Key, _ value: UInt64) {
        encoder.beginMember(key)
        output.integer(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.beginMember(key)
        try encoder.encodeValue(value, at: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.beginMember(key)
        return encoder.nested(at: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.beginMember(key)
        return encoder.nested(at: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.beginMember(JSONSuperKey.super)
        return encoder.nested(at: JSONSuperKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.beginMember(key)
        return encoder.nested(at: key)
    }
}

/// An array's elements, written as they are encoded.
struct JSONUnkeyedWriter: UnkeyedEncodingContainer {
    let encoder: StreamingJSONEncoder
    private(set) var count = 0
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var output: JSONOutput { encoder.output }

    init(encoder: StreamingJSONEncoder) {
        self.encoder = encoder
    }

    private mutating func next() {
        encoder.beginElement()
        count += 1
    }

    mutating func encodeNil() throws {
        next()
        output.buffer.writeStaticString("null")
    }

    mutating func encode(_ value: Bool) throws {
        next()
        output.buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        next()
        output.string(value)
    }

    mutating func encode(_ value: Double) throws {
        next()
        try output.floatingPoint(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Float) throws {
        next()
        try output.floatingPoint(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Int) throws { element(Int64(value)) }
    mutating func encode(_ value: Int8) throws { element(Int64(value)) }
    mutating func encode(_ value: Int16) throws { element(Int64(value)) }
    mutating func encode(_ value: Int32) throws { element(Int64(value)) }
    mutating func encode(_ value: Int64) throws { element(Int64(value)) }
    mutating func encode(_ value: UInt) throws { element(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { element(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { element(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { element(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { element(UInt64(value)) }

    private mutating func element(_ value: Int64) {
        next()
        output.integer(value)
    }

    private mutating func element(_ value: UInt64) {
        next()
        output.integer(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        next()
        try encoder.encodeValue(value, at: JSONIndexKey(count - 1))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next()
        return encoder.nested(at: JSONIndexKey(count - 1)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        next()
        return encoder.nested(at: JSONIndexKey(count - 1)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        next()
        return encoder.nested(at: JSONIndexKey(count - 1))
    }
}

/// A value that encodes itself as one JSON value.
struct JSONSingleValueWriter: SingleValueEncodingContainer {
    let encoder: StreamingJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var output: JSONOutput { encoder.output }

    init(encoder: StreamingJSONEncoder) {
        self.encoder = encoder
    }

    mutating func encodeNil() throws {
        encoder.wroteSingleValue()
        output.buffer.writeStaticString("null")
    }

    mutating func encode(_ value: Bool) throws {
        encoder.wroteSingleValue()
        output.buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        encoder.wroteSingleValue()
        output.string(value)
    }

    mutating func encode(_ value: Double) throws {
        encoder.wroteSingleValue()
        try output.floatingPoint(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Float) throws {
        encoder.wroteSingleValue()
        try output.floatingPoint(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Int) throws { single(Int64(value)) }
    mutating func encode(_ value: Int8) throws { single(Int64(value)) }
    mutating func encode(_ value: Int16) throws { single(Int64(value)) }
    mutating func encode(_ value: Int32) throws { single(Int64(value)) }
    mutating func encode(_ value: Int64) throws { single(Int64(value)) }
    mutating func encode(_ value: UInt) throws { single(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { single(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { single(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { single(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { single(UInt64(value)) }

    private func single(_ value: Int64) {
        encoder.wroteSingleValue()
        output.integer(value)
    }

    private func single(_ value: UInt64) {
        encoder.wroteSingleValue()
        output.integer(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.wroteSingleValue()
        try encoder.encodeValue(value)
    }
}
