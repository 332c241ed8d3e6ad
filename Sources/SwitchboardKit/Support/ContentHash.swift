/// FNV-1a, 64 bit: a fast, stable content hash for asset fingerprints and cache keys.
/// Not cryptographic; it only has to change when the bytes change.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        // Strings and arrays hand over their storage; stepping through a String's UTF-8 view
        // byte by byte costs more than the hash itself (page contexts hash ~50 MB a build).
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            var state = self.state
            for byte in buffer {
                state ^= UInt64(byte)
                state = state &* Self.prime
            }
            self.state = state
        }
        guard done == nil else { return }
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* Self.prime
        }
    }

    public mutating func update(byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* Self.prime
    }

    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    public var value: UInt64 { state }

    /// Lower-case hex, `length` digits (at most 16).
    public func hex(length: Int = 16) -> String {
        let digits = String(state, radix: 16)
        let full = String(repeating: "0", count: 16 - digits.count) + digits
        return String(full.prefix(length))
    }

    /// A hash of (name, value) pairs that does not depend on their order: each pair is hashed
    /// on its own and the results summed. For dictionaries, whose order differs from run to
    /// run, without sorting thousands of keys.
    static func unordered(_ pairs: some Sequence<(String, UInt64)>) -> UInt64 {
        var sum: UInt64 = 0
        for (name, value) in pairs {
            var h = ContentHash()
            h.update(name.utf8)
            h.update(byte: 0)
            for shift in stride(from: 0, to: 64, by: 8) { h.update(byte: UInt8(truncatingIfNeeded: value >> shift)) }
            sum &+= h.value
        }
        return sum
    }

    public static func of(_ bytes: some Sequence<UInt8>) -> ContentHash {
        var hash = ContentHash()
        hash.update(bytes)
        return hash
    }
}
