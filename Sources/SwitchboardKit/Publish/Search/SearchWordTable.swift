#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folded words → an integer (the term id they stem to), keyed by their UTF-8 bytes and
/// FNV-1a hash from `SearchTokenizer.scanBytes`. The index builder looks up every word of the
/// hub here; making a String of each and hashing it with the standard library's SipHash cost
/// more than the rest of the analysis together. Open addressing, linear probing, keys kept
/// end to end in one byte array.
struct SearchWordTable: Sendable {
    private var slots: [Int32] = Array(repeating: -1, count: 1 << 12)
    private var hashes: [UInt64] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var values: [Int] = []
    private var arena: [UInt8] = []

    func value(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[i])
            if entry < 0 { return nil }
            if hashes[entry] == hash && Int(lengths[entry]) == word.count && equal(entry, word) { return values[entry] }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Int) {
        let entry = Int32(values.count)
        hashes.append(hash)
        starts.append(Int32(arena.count))
        lengths.append(Int32(word.count))
        values.append(value)
        arena.append(contentsOf: word)
        if values.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for e in 0..<values.count { place(Int32(e)) }
        } else {
            place(entry)
        }
    }

    private mutating func place(_ entry: Int32) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hashes[Int(entry)]) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = entry
    }

    private func equal(_ entry: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = word.baseAddress else { return lengths[entry] == 0 }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + Int(starts[entry]), base, word.count) == 0 }
    }
}
