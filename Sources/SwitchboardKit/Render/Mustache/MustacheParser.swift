/// Parses Mustache text into a `MustacheTemplate`. Works on UTF-8 bytes; positions in errors
/// are 1-based lines and columns (in characters).
enum MustacheParser {
    private struct Tag {
        var sigil: UInt8          // 0 for a plain variable
        var name: String
        var start: Int            // byte range of the whole tag in the source
        var end: Int
    }

    private enum Piece {
        case text(Range<Int>)
        case tag(Tag)
    }

    static let standaloneSigils: Set<UInt8> = Set("#^/!><$=".utf8)

    static func parse(_ text: String) -> Result<MustacheTemplate, MustacheTemplate.ParseError> {
        let source = Array(text.utf8)
        let pieces: [Piece]
        switch tokenize(source) {
        case .failure(let e): return .failure(e)
        case .success(let p): pieces = p
        }
        // Standalone tags take their whole line with them (and partials keep its indentation).
        var removed: [Range<Int>] = []
        var indentation: [Int: String] = [:]
        for piece in pieces {
            guard case .tag(let tag) = piece, standaloneSigils.contains(tag.sigil) else { continue }
            var lineStart = tag.start
            while lineStart > 0, source[lineStart - 1] == UInt8(ascii: " ") || source[lineStart - 1] == UInt8(ascii: "\t") { lineStart -= 1 }
            guard lineStart == 0 || source[lineStart - 1] == UInt8(ascii: "\n") else { continue }
            var lineEnd = tag.end
            while lineEnd < source.count, source[lineEnd] == UInt8(ascii: " ") || source[lineEnd] == UInt8(ascii: "\t") { lineEnd += 1 }
            if lineEnd < source.count, source[lineEnd] == UInt8(ascii: "\r"), lineEnd + 1 < source.count, source[lineEnd + 1] == UInt8(ascii: "\n") {
                lineEnd += 2
            } else if lineEnd < source.count, source[lineEnd] == UInt8(ascii: "\n") {
                lineEnd += 1
            } else if lineEnd != source.count {
                continue
            }
            removed.append(lineStart..<tag.start)
            removed.append(tag.end..<lineEnd)
            if tag.sigil == UInt8(ascii: ">") || tag.sigil == UInt8(ascii: "<") {
                indentation[tag.start] = String(decoding: source[lineStart..<tag.start], as: UTF8.self)
            }
        }
        func keep(_ range: Range<Int>) -> [UInt8] {
            guard !removed.isEmpty else { return Array(source[range]) }
            var out: [UInt8] = []
            var i = range.lowerBound
            while i < range.upperBound {
                if let cut = removed.first(where: { $0.contains(i) }) { i = cut.upperBound; continue }
                out.append(source[i])
                i += 1
            }
            return out
        }

        // Build the tree.
        struct Open {
            var tag: Tag
            var nodes: [MustacheTemplate.Node] = []
        }
        var stack: [Open] = [Open(tag: Tag(sigil: 0, name: "", start: 0, end: 0))]
        for piece in pieces {
            switch piece {
            case .text(let range):
                let bytes = keep(range)
                if !bytes.isEmpty { stack[stack.count - 1].nodes.append(.text(bytes)) }
            case .tag(let tag):
                switch tag.sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="):
                    break
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                    stack.append(Open(tag: tag))
                case UInt8(ascii: "/"):
                    guard stack.count > 1 else {
                        return .failure(error("'{{/\(tag.name)}}' closes a section that was never opened", at: tag.start, in: source))
                    }
                    let open = stack.removeLast()
                    guard open.tag.name == tag.name else {
                        let (line, _) = position(open.tag.start, in: source)
                        return .failure(error("'{{/\(tag.name)}}' closes '\(open.tag.name)', opened at line \(line)", at: tag.start, in: source))
                    }
                    let path = self.path(open.tag.name)
                    let node: MustacheTemplate.Node
                    switch open.tag.sigil {
                    case UInt8(ascii: "#"): node = .section(path: path, inverted: false, children: open.nodes)
                    case UInt8(ascii: "^"): node = .section(path: path, inverted: true, children: open.nodes)
                    case UInt8(ascii: "$"): node = .block(name: open.tag.name, children: open.nodes)
                    default:
                        var overrides: [String: [MustacheTemplate.Node]] = [:]
                        for child in open.nodes { if case .block(let name, let children) = child { overrides[name] = children } }
                        node = .parent(name: open.tag.name, indentation: indentation[open.tag.start] ?? "", overrides: overrides)
                    }
                    stack[stack.count - 1].nodes.append(node)
                case UInt8(ascii: ">"):
                    stack[stack.count - 1].nodes.append(.partial(name: tag.name, indentation: indentation[tag.start] ?? ""))
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    stack[stack.count - 1].nodes.append(.variable(path: path(tag.name), escaped: false))
                default:
                    stack[stack.count - 1].nodes.append(.variable(path: path(tag.name), escaped: true))
                }
            }
        }
        if stack.count > 1 {
            let open = stack.last!
            return .failure(error("'{{\(Character(UnicodeScalar(open.tag.sigil)))\(open.tag.name)}}' is never closed", at: open.tag.start, in: source))
        }
        return .success(MustacheTemplate(nodes: stack[0].nodes))
    }

    /// `a.b.c` → ["a", "b", "c"]; `.` → [] (the current value).
    static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }

    private static func tokenize(_ source: [UInt8]) -> Result<[Piece], MustacheTemplate.ParseError> {
        var pieces: [Piece] = []
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var i = 0, textStart = 0
        func matches(_ delimiter: [UInt8], at position: Int) -> Bool {
            guard position + delimiter.count <= source.count else { return false }
            for k in 0..<delimiter.count where source[position + k] != delimiter[k] { return false }
            return true
        }
        while i < source.count {
            guard matches(open, at: i) else { i += 1; continue }
            if textStart < i { pieces.append(.text(textStart..<i)) }
            let tagStart = i
            var j = i + open.count
            var sigil: UInt8 = 0
            if j < source.count, "{&#^/!><$=".utf8.contains(source[j]) { sigil = source[j]; j += 1 }
            // Where the tag's content ends, and what closes it.
            let closing: [UInt8]
            switch sigil {
            case UInt8(ascii: "{"): closing = Array("}".utf8) + close
            case UInt8(ascii: "="): closing = Array("=".utf8) + close
            default: closing = close
            }
            var k = j
            while k < source.count, !matches(closing, at: k) { k += 1 }
            guard k < source.count else {
                return .failure(error("a tag is not closed with \(String(decoding: close, as: UTF8.self))", at: tagStart, in: source))
            }
            let content = String(decoding: source[j..<k], as: UTF8.self).trimmingSpaces()
            let end = k + closing.count
            if sigil == UInt8(ascii: "=") {
                let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
                    return .failure(error("a set-delimiter tag needs two delimiters, like {{=<% %>=}}", at: tagStart, in: source))
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            } else if sigil != UInt8(ascii: "!") {
                guard !content.isEmpty, !content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
                    return .failure(error(content.isEmpty ? "an empty tag" : "a tag name cannot contain spaces: '\(content)'", at: tagStart, in: source))
                }
            }
            pieces.append(.tag(Tag(sigil: sigil, name: content, start: tagStart, end: end)))
            i = end
            textStart = end
        }
        if textStart < source.count { pieces.append(.text(textStart..<source.count)) }
        return .success(pieces)
    }

    static func position(_ offset: Int, in source: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in source[..<min(offset, source.count)] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private static func error(_ message: String, at offset: Int, in source: [UInt8]) -> MustacheTemplate.ParseError {
        let (line, column) = position(offset, in: source)
        return MustacheTemplate.ParseError(message: message, line: line, column: column)
    }
}
