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
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether some `byte` in the buffer is followed by bytes that satisfy `test` (given the rest
    /// of the buffer after that byte). Jumps from one `byte` to the next with `memchr`, so a
    /// rare byte costs next to nothing to look for.
    func hasByte(_ byte: UInt8, followedBy test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard let base = baseAddress else { return false }
        var offset = 0
        while offset < count, let found = memchr(base + offset, Int32(byte), count - offset) {
            let index = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if test(UnsafeBufferPointer(rebasing: self[(index + 1)...])) { return true }
            offset = index + 1
        }
        return false
    }
}
