extension Array where Element == UInt8 {
    /// Appends a literal's UTF-8 bytes in one copy. Appending a String's UTF-8 view instead
    /// goes through a generic path that retains the string and checks every byte: it showed
    /// in profiles wherever HTML or JSON is written a tag or a comma at a time.
    mutating func append(literal text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    static func += (bytes: inout [UInt8], text: StaticString) { bytes.append(literal: text) }
}
