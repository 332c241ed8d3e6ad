/// A fast, stable content hash for asset fingerprints and cache keys: FNV-1a's step (xor,
/// multiply by its 64-bit prime) taken eight bytes at a time, with a shift folding the high
/// bits back after each word, then byte by byte for the rest. Not cryptographic; it only has
/// to change when the bytes change, and every step is a bijection of the state, so a change
/// to any one word of the input always changes the result. The same bytes give the same
/// hash when handed over in the same pieces.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        // Strings and arrays hand over their storage; stepping through a String's UTF-8 view
        // byte by byte costs more than the hash itself (page contexts hash ~50 MB a build).
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { update(buffer: $0) } }
    }

    private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var state = self.state, i = 0
        // A byte at a time chains a multiplication through every byte; a word at a time, one
        // through every eighth (page contexts and search page sources hash ~80 MB a build).
        while i + 8 <= buffer.count {
            state = (state ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* Self.prime
            state ^= state >> 29
            i += 8
        }
        self.state = state
        while i < buffer.count {
            update(byte: buffer[i])
            i += 1
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
