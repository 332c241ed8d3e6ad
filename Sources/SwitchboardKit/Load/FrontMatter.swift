/// Splits a Markdown file into its YAML front matter and its body.
///
/// Front matter is present when the first line is `---`; it ends at the next line that is
/// `---` or `...`. No front matter, or an empty block, is fine (the schema then reports what
/// is missing); an opening `---` without a closing one is an error, because guessing where
/// it ends could silently turn content into metadata or the reverse.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML text between the delimiters (nil when the file has no front matter).
    public var yaml: String?
    /// 1-based file line of the first YAML line.
    public var yamlFirstLine: Int
    public var body: String
    /// Number of file lines before the body's first line.
    public var bodyLineOffset: Int

    public enum Problem: Error, Equatable {
        /// The opening `---` never closes; `line` is the opening line.
        case unclosed(line: Int)
    }

    public static func split(_ text: String) -> Result<FrontMatter, Problem> {
        // Lines found by byte offset with memchr over the text's own storage: exact on
        // multi-byte text, and cheap on a long body (only the front matter is walked).
        enum Scan { case noFrontMatter, unclosed, closed(yamlStart: Int, yamlEnd: Int, bodyStart: Int, bodyLineOffset: Int) }
        var bytes = text
        let scan = bytes.withUTF8 { buffer -> Scan in
            let firstEnd = buffer.firstOffset(of: UInt8(ascii: "\n"), from: 0)
            guard isDelimiter(buffer, 0..<(firstEnd ?? buffer.count), closing: false) else { return .noFrontMatter }
            guard let firstEnd else { return .unclosed }
            var lineStart = firstEnd + 1, lineNumber = 2
            while lineStart < buffer.count {
                let lineEnd = buffer.firstOffset(of: UInt8(ascii: "\n"), from: lineStart) ?? buffer.count
                if isDelimiter(buffer, lineStart..<lineEnd, closing: true) {
                    return .closed(yamlStart: firstEnd + 1, yamlEnd: lineStart, bodyStart: min(lineEnd + 1, buffer.count),
                                   bodyLineOffset: lineNumber)
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
            return .unclosed
        }
        switch scan {
        case .noFrontMatter: return .success(FrontMatter(yaml: nil, yamlFirstLine: 1, body: text, bodyLineOffset: 0))
        case .unclosed: return .failure(.unclosed(line: 1))
        case .closed(let yamlStart, let yamlEnd, let bodyStart, let bodyLineOffset):
            let utf8 = text.utf8
            let index = { utf8.index(utf8.startIndex, offsetBy: $0) }
            let yaml = String(text[index(yamlStart)..<index(yamlEnd)])
            let body = String(text[index(bodyStart)...])
            return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyLineOffset: bodyLineOffset))
        }
    }

    /// `---` (or `...` when closing), allowing trailing spaces and tabs.
    private static func isDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, closing: Bool) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end - line.lowerBound == 3 else { return false }
        let mark = bytes[line.lowerBound]
        guard mark == UInt8(ascii: "-") || (closing && mark == UInt8(ascii: ".")) else { return false }
        return bytes[line.lowerBound + 1] == mark && bytes[line.lowerBound + 2] == mark
    }
}
