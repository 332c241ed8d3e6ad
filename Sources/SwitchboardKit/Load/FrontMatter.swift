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
        guard isDelimiter(firstLine(of: text), closing: false) else {
            return .success(FrontMatter(yaml: nil, yamlFirstLine: 1, body: text, bodyLineOffset: 0))
        }
        // Walk lines by UTF-8 offsets: cheap, and exact on multi-byte text.
        let utf8 = text.utf8
        guard let firstNewline = utf8.firstIndex(of: UInt8(ascii: "\n")) else { return .failure(.unclosed(line: 1)) }
        var lineStart = utf8.index(after: firstNewline)
        let yamlStart = lineStart
        var lineNumber = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = text[lineStart..<lineEnd]
            if isDelimiter(line, closing: true) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: String(text[bodyStart...]),
                                            bodyLineOffset: lineNumber))
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            lineNumber += 1
        }
        return .failure(.unclosed(line: 1))
    }

    static func firstLine(of text: String) -> Substring {
        let end = text.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        return text[..<end]
    }

    /// `---` (or `...` when closing), allowing trailing spaces.
    static func isDelimiter(_ line: Substring, closing: Bool) -> Bool {
        var trimmed = line
        while trimmed.last == " " || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---" || (closing && trimmed == "...")
    }
}
