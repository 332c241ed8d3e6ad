/// JSON written straight into bytes, for the files the build writes by the thousand (search
/// page files, index shards) or by the megabyte (exports): going through String appends
/// scalar by scalar and costs seconds on a big hub.
struct JSONBytes {
    var bytes: [UInt8] = []
    /// Also escapes `<`, `>`, `&`, U+2028 and U+2029 (`JSON.string`), for JSON a page may
    /// embed; the search files are only ever read with `JSON.parse` and need none of it.
    let htmlSafe: Bool

    init(capacity: Int = 256, htmlSafe: Bool = false) {
        self.htmlSafe = htmlSafe
        bytes.reserveCapacity(capacity)
    }

    /// JSON syntax from a literal: its bytes copied whole (appending a String's UTF-8 view
    /// goes through a generic path and retains the string, at every comma and key).
    mutating func raw(_ text: StaticString) { bytes.append(literal: text) }

    /// JSON made at run time (already valid JSON, written as it is).
    mutating func raw(made text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func number(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

    mutating func string(_ text: String) {
        var text = text  // withUTF8 reads a native string's storage in place
        text.withUTF8 { string($0) }
    }

    mutating func string(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) { string(UnsafeBufferPointer(rebasing: utf8)) }

    mutating func string(_ utf8: [UInt8]) { utf8.withUnsafeBufferPointer { string($0) } }

    /// A JSON string literal of UTF-8 bytes. Runs that need no escape (most text is one such
    /// run) are copied whole.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        (htmlSafe ? Self.htmlSafeEscapes : Self.plainEscapes).withUnsafeBufferPointer { escapes in
            let count = utf8.count
            var run = 0, i = 0
            while i < count {
                let byte = utf8[i]
                guard escapes[Int(byte)] else { i &+= 1; continue }
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; any other E2 sequence is kept.
                var skip = 1
                if byte == 0xE2 {
                    guard i + 2 < count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 else {
                        i &+= 1
                        continue
                    }
                    skip = 3
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0xE2: unicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                default: unicodeEscape(UInt16(byte))  // other control characters, < > &
                }
                i += skip
                run = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<count]))
        }
        bytes.append(0x22)
    }

    private mutating func unicodeEscape(_ value: UInt16) {
        bytes.append(contentsOf: [0x5C, 0x75])
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(Self.hex[Int(value >> UInt16(shift) & 15)]) }
    }

    private static let hex = Array("0123456789abcdef".utf8)
    /// Bytes that start an escape: quote, backslash, control characters; with `htmlSafe` also
    /// `<`, `>`, `&` and 0xE2 (which may start U+2028 or U+2029).
    private static let plainEscapes: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    private static let htmlSafeEscapes: [Bool] = (0..<256).map {
        $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
