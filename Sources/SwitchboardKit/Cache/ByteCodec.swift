/// A small binary format for the build cache: little-endian integers, length-prefixed UTF-8
/// strings. Hand-written because the cache must load in a fraction of a build, and the
/// Foundation coders are far too slow for tens of thousands of entries.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        // Variable length: 7 bits a byte, small numbers take one byte.
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        if let value { bool(true); write(&self, value) } else { bool(false) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        int(values.count)
        for v in values { write(&self, v) }
    }

    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    mutating func raw(_ data: UnsafeRawBufferPointer) { bytes.append(contentsOf: data) }
}

/// Reads what `ByteWriter` wrote. Any inconsistency (a truncated or foreign file) sets
/// `failed`; the caller then ignores the whole cache — a cache can always be rebuilt.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private(set) var failed = false

    /// Reads from memory that must outlive the reader (a mapped file inside `withUnsafeBytes`).
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// A reader that has already failed: what a codec returns for unreadable input.
    static var failing: ByteReader {
        var r = ByteReader(UnsafeRawBufferPointer(start: nil, count: 0))
        r.failed = true
        return r
    }

    var atEnd: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { failed = true; return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func int() -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = byte()
            if failed || shift > 63 { failed = true; return 0 }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: result))
    }

    mutating func uint64() -> UInt64 {
        var v: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { v |= UInt64(byte()) << UInt64(shift) }
        return v
    }

    mutating func double() -> Double { Double(bitPattern: uint64()) }

    mutating func bool() -> Bool { byte() != 0 }

    mutating func string() -> String {
        let count = int()
        // `position + count` would overflow for a corrupt count near Int.max: compare what is left.
        guard !failed, count >= 0, count <= bytes.count - position else { failed = true; return "" }
        defer { position += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)]), as: UTF8.self)
    }

    /// Passes over `count` bytes and returns where they are: a record kept encoded, to be
    /// decoded later if at all, is taken from the buffer in place instead of copied.
    mutating func skip(_ count: Int) -> Range<Int> {
        guard !failed, count >= 0, count <= bytes.count - position else { failed = true; return 0..<0 }
        defer { position += count }
        return position..<(position + count)
    }

    mutating func optional<T>(_ read: (inout ByteReader) -> T) -> T? {
        bool() ? read(&self) : nil
    }

    mutating func array<T>(_ read: (inout ByteReader) -> T) -> [T] {
        let count = int()
        guard !failed, count >= 0, count <= bytes.count - position else { failed = true; return [] }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            result.append(read(&self))
            if failed { return [] }
        }
        return result
    }
}
