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
