/// FNV-1a, 64 bit: a fast, stable content hash for asset fingerprints and cache keys.
/// Not cryptographic; it only has to change when the bytes change.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        // Strings and arrays hand over their storage; stepping through a String's UTF-8 view
        // byte by byte costs more than the hash itself (page contexts hash ~50 MB a build).
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { update(byte: byte) }
        }
        if done == nil {
            for byte in bytes { update(byte: byte) }
        }
    }

    public mutating func update(byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* Self.prime
    }

    /// A number, as its eight bytes.
    mutating func update(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { update(byte: UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// A string and a terminating zero, so that ("ab", "c") and ("a", "bc") differ.
    mutating func update(_ string: String) {
        update(string.utf8)
        update(byte: 0x00)
    }

    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    public var value: UInt64 { state }

    /// Lower-case hex, `length` digits (at most 16).
    public func hex(length: Int = 16) -> String {
        let digits = String(state, radix: 16)
        let full = String(repeating: "0", count: 16 - digits.count) + digits
        return String(full.prefix(length))
    }

    /// A hash of `items` that does not depend on their order: each is hashed on its own by
    /// `hash` and the results summed. For dictionaries, whose order differs from run to run,
    /// without sorting thousands of keys.
    static func unordered<Items: Sequence>(_ items: Items, _ hash: (inout ContentHash, Items.Element) -> Void) -> UInt64 {
        var sum: UInt64 = 0
        for item in items {
            var h = ContentHash()
            hash(&h, item)
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
