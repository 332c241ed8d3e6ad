import Foundation

extension StringProtocol {
    /// Whether the UTF-8 text holds `byte`: one `memchr` over the string's own storage, where
    /// the generic `utf8.contains` steps through the view a byte at a time. Used on whole
    /// bodies, several times per entry.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        } ?? utf8.contains(byte)
    }

    /// Where `byte` first is in the UTF-8 text, found with `memchr` in the string's storage
    /// (the generic `utf8.firstIndex(of:)` steps through the view a byte at a time).
    func firstIndex(ofByte byte: UInt8) -> Index? {
        guard let offset = utf8.withContiguousStorageIfAvailable({ $0.firstOffset(of: byte, from: 0) }) else {
            return utf8.firstIndex(of: byte)
        }
        return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Calls `body` with the offset of each `byte` in the buffer, in order, until it returns
    /// false. Jumps from one to the next with `memchr`, so a rare byte (or a line break in
    /// lines of tens of bytes) costs next to nothing to look for.
    func forEachOffset(of byte: UInt8, _ body: (Int) -> Bool) {
        var offset = 0
        while let index = firstOffset(of: byte, from: offset) {
            guard body(index) else { return }
            offset = index + 1
        }
    }

    /// The offset of the first `byte` at or after `start`, found with `memchr`.
    func firstOffset(of byte: UInt8, from start: Int) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Whether some `byte` in the buffer is followed by bytes that satisfy `test` (given the
    /// rest of the buffer after that byte).
    func hasByte(_ byte: UInt8, followedBy test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var found = false
        forEachOffset(of: byte) { index in
            found = test(UnsafeBufferPointer(rebasing: self[(index + 1)...]))
            return !found
        }
        return found
    }
}
