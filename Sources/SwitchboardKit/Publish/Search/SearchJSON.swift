/// JSON written straight to bytes, for the index files: the build writes one file per page
/// with its text, and going through String appends scalar by scalar costs seconds on a big
/// hub. Only what JSON requires is escaped (quote, backslash, control characters); the files
/// are parsed with `JSON.parse`, never placed in HTML.
struct SearchJSON {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func number(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

    mutating func string(_ text: String) { string(text.utf8) }

    mutating func string<Bytes: Collection>(_ utf8: Bytes) where Bytes.Element == UInt8 {
        // Most text needs no escape at all: copy it in one go.
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 15)])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    static let hex = Array("0123456789abcdef".utf8)

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
