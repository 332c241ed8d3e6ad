/// Decodes a source file's bytes into text the rest of the pipeline can trust: valid UTF-8,
/// no byte-order mark, `\n` line endings (CRLF and lone CR folded, so line numbers match
/// what an editor shows whatever mix of endings the file has).
public enum SourceText {
    public enum Problem: Error, Equatable {
        case binary
        case invalidUTF8(line: Int, column: Int)
    }

    public static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        // memchr for the two bytes looked for in every file of the hub.
        let (hasNUL, hasCR) = bytes.withUnsafeBufferPointer { ($0.firstOffset(of: 0, from: 0) != nil, $0.firstOffset(of: 0x0D, from: 0) != nil) }
        if hasNUL { return .failure(.binary) }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let slice = bytes[start...]
        guard var text = String(validating: slice, as: UTF8.self) else {
            return .failure(firstInvalidByte(slice))
        }
        if hasCR {
            text = text.replacingCRLF()
        }
        return .success(text)
    }

    /// Line and column of the first byte that is not valid UTF-8.
    static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Problem {
        var line = 1, lineStart = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = i + length
            if length == 0 || end > bytes.endIndex || String(validating: bytes[i..<end], as: UTF8.self) == nil {
                let column = (String(validating: bytes[lineStart..<i], as: UTF8.self)?.count ?? (i - lineStart)) + 1
                return .invalidUTF8(line: line, column: column)
            }
            if b == UInt8(ascii: "\n") { line += 1; lineStart = end }
            i = end
        }
        return .invalidUTF8(line: line, column: 1)
    }
}

extension String {
    /// `\r\n` and lone `\r` become `\n`.
    func replacingCRLF() -> String {
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for b in utf8 {
            if b == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                previousCR = true
                continue
            }
            if b == UInt8(ascii: "\n") && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
