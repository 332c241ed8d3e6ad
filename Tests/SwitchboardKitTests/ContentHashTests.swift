import Testing
@testable import SwitchboardKit

/// The content hash behind fingerprints, cache keys and search file names: stable, and
/// changed by any change to the bytes.
@Suite("Content hash")
struct ContentHashTests {
    @Test func theSameBytesGiveTheSameHashHowEverTheyAreHeld() {
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 100] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = String(decoding: bytes.map { $0 & 0x7F }, as: UTF8.self)
            let contiguous = ContentHash.of(bytes).value
            #expect(ContentHash.of(bytes.lazy.map { $0 }).value == contiguous, "length \(length)")  // not contiguous
            #expect(ContentHash.of(Array(text.utf8)).value == ContentHash.of(text.utf8).value, "length \(length)")
        }
    }

    @Test func changingAnyOneByteOrTheLengthChangesTheHash() {
        var random = SeededRandom(seed: 11)
        for length in [1, 5, 8, 13, 64, 1_000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let hash = ContentHash.of(bytes).value
            var seen: Set<UInt64> = [hash]
            for position in 0..<min(length, 64) {
                for flip in [UInt8(1), 0x80, 0xFF] {
                    var changed = bytes
                    changed[position] ^= flip
                    #expect(seen.insert(ContentHash.of(changed).value).inserted, "length \(length), byte \(position)")
                }
            }
            #expect(ContentHash.of(bytes + [0]).value != hash && ContentHash.of(bytes.dropLast()).value != hash)
        }
    }

    @Test func stringsAreTerminatedSoThatTheirBoundariesCount() {
        var a = ContentHash(), b = ContentHash()
        a.update("ab"); a.update("c")
        b.update("a"); b.update("bc")
        #expect(a.value != b.value)
    }
}
