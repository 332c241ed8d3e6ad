/// Front matter as it is nearly always written — `key: value` lines whose values are plain
/// text, text in double quotes without escapes, a list in brackets, or `- item` lines — read
/// straight into a `YAMLNode`, without the YAML parser. Yams took about a twelfth of a clean
/// build's CPU time, most of it building and converting its own node objects for a dozen
/// lines per file.
///
/// This is a recogniser of a strict subset, not a second YAML parser: anything it is not sure
/// of (comments, nested mappings, block scalars, single quotes, escapes, anchors, tags, a
/// character YAML treats specially, a repeated key, …) makes it answer nil, and the caller
/// hands the text to Yams. What it accepts, it reads exactly as Yams does, lines and columns
/// included; the tests compare the two on every YAML text in the repository and on cases
/// written to sit at the subset's edges.
enum PlainYAML {
    /// The mapping, or nil when the text is not entirely in the subset (or is empty).
    static func read(_ text: String, lineOffset: Int, maxNodes: Int) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, lineOffset: lineOffset, budget: maxNodes)
            return reader.mapping()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lineOffset: Int
        var budget: Int
        /// Start offset of each line; the last line ends at `bytes.count`.
        let lines: [Int]

        init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int, budget: Int) {
            self.bytes = bytes
            self.lineOffset = lineOffset
            self.budget = budget
            var lines = [0]
            bytes.forEachOffset(of: UInt8(ascii: "\n")) { lines.append($0 + 1); return true }
            self.lines = lines
        }

        /// Bytes of line `n` (0-based), without its line break.
        func line(_ n: Int) -> Range<Int> {
            lines[n]..<(n + 1 < lines.count ? lines[n + 1] - 1 : bytes.count)
        }

        func isBlank(_ r: Range<Int>) -> Bool { r.allSatisfy { bytes[$0] == UInt8(ascii: " ") } }

        /// The last column worked out, to count on from it: the nodes of a line come left to
        /// right, and counting from the line's start each time would make a long `[list]`
        /// quadratic.
        var lastColumn = (line: -1, offset: 0, column: 1)

        /// A node at byte `offset` of line `n`: YAML counts columns in characters.
        mutating func node(_ kind: YAMLNode.Kind, line n: Int, at offset: Int) -> YAMLNode? {
            budget -= 1
            guard budget >= 0 else { return nil }
            var (from, column) = (lines[n], 1)
            if lastColumn.line == n, lastColumn.offset <= offset { (from, column) = (lastColumn.offset, lastColumn.column) }
            for i in from..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
            lastColumn = (n, offset, column)
            return YAMLNode(kind, line: n + 1 + lineOffset, column: column)
        }

        mutating func mapping() -> YAMLNode? {
            guard safeCharacters() else { return nil }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var names = Set<String>()
            var first: Int?
            var n = 0
            while n < lines.count {
                let r = line(n)
                if isBlank(r) { n += 1; continue }
                // A key: letters, digits, `_` and `-`, at the start of the line, then `:`.
                var end = r.lowerBound
                while end < r.upperBound, Self.isKeyByte(bytes[end]) { end += 1 }
                guard end > r.lowerBound, end < r.upperBound, bytes[end] == UInt8(ascii: ":"),
                      bytes[r.lowerBound] != UInt8(ascii: "-") else { return nil }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end]), as: UTF8.self)
                guard names.insert(name).inserted else { return nil }  // a repeated key: Yams reports it
                first = first ?? n
                guard let key = node(.scalar(name, plain: true), line: n, at: r.lowerBound) else { return nil }
                var start = end + 1
                guard start == r.upperBound || bytes[start] == UInt8(ascii: " ") else { return nil }
                while start < r.upperBound, bytes[start] == UInt8(ascii: " ") { start += 1 }
                let value: YAMLNode?
                if start == r.upperBound {
                    (value, n) = blockSequence(after: n)
                } else {
                    if bytes[start] == UInt8(ascii: "[") {
                        value = flowSequence(line: n, from: start)
                    } else {
                        value = scalar(line: n, from: start, upTo: r.upperBound)
                    }
                    n += 1
                }
                guard let value else { return nil }
                pairs.append((key, value))
            }
            guard let first else { return nil }
            return node(.mapping(pairs), line: first, at: lines[first])
        }

        /// `- item` lines below a key with no value on its line, all indented alike.
        mutating func blockSequence(after keyLine: Int) -> (YAMLNode?, Int) {
            var items: [YAMLNode] = []
            var indent: Int?
            var sequenceAt = 0
            var n = keyLine + 1
            while n < lines.count {
                let r = line(n)
                var dash = r.lowerBound
                while dash < r.upperBound, bytes[dash] == UInt8(ascii: " ") { dash += 1 }
                guard dash < r.upperBound, bytes[dash] == UInt8(ascii: "-") else {
                    // The next key (or a blank line) ends the list; anything indented is beyond us.
                    if dash > r.lowerBound && dash < r.upperBound { return (nil, n) }
                    break
                }
                guard dash + 1 < r.upperBound, bytes[dash + 1] == UInt8(ascii: " ") else { return (nil, n) }
                if let indent { guard dash - r.lowerBound == indent else { return (nil, n) } } else {
                    indent = dash - r.lowerBound
                    sequenceAt = dash
                }
                var start = dash + 1
                while start < r.upperBound, bytes[start] == UInt8(ascii: " ") { start += 1 }
                guard start < r.upperBound, let item = scalar(line: n, from: start, upTo: r.upperBound) else { return (nil, n) }
                items.append(item)
                n += 1
            }
            guard !items.isEmpty else { return (nil, n) }  // an empty value: Yams says where its null is
            return (node(.sequence(items), line: keyLine + 1, at: sequenceAt), n)
        }

        /// `[a, "b", c]` on one line, and nothing after it.
        mutating func flowSequence(line n: Int, from open: Int) -> YAMLNode? {
            let end = line(n).upperBound
            var items: [YAMLNode] = []
            var i = open + 1
            func skipSpaces() { while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 } }
            skipSpaces()
            if i < end, bytes[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    guard i < end else { return nil }
                    let itemEnd: Int
                    if bytes[i] == UInt8(ascii: "\"") {
                        guard let close = closingQuote(from: i, before: end) else { return nil }
                        itemEnd = close + 1
                    } else {
                        var j = i
                        while j < end, bytes[j] != UInt8(ascii: ","), bytes[j] != UInt8(ascii: "]") { j += 1 }
                        while j > i, bytes[j - 1] == UInt8(ascii: " ") { j -= 1 }
                        itemEnd = j
                    }
                    guard itemEnd > i, let item = scalar(line: n, from: i, upTo: itemEnd, flow: true) else { return nil }
                    items.append(item)
                    i = itemEnd
                    skipSpaces()
                    guard i < end else { return nil }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                    guard bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                    skipSpaces()
                    guard i < end, bytes[i] != UInt8(ascii: "]") else { return nil }  // a trailing comma
                }
            }
            guard (i..<end).allSatisfy({ bytes[$0] == UInt8(ascii: " ") }) else { return nil }
            return node(.sequence(items), line: n, at: open)
        }

        /// A double-quoted string without escapes, or a plain scalar, in `start..<end` (a
        /// block value runs to the end of its line; trailing spaces are not part of it).
        mutating func scalar(line n: Int, from start: Int, upTo end: Int, flow: Bool = false) -> YAMLNode? {
            if bytes[start] == UInt8(ascii: "\"") {
                guard let close = closingQuote(from: start, before: end),
                      (close + 1..<end).allSatisfy({ bytes[$0] == UInt8(ascii: " ") }) else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<close]), as: UTF8.self)
                return node(.scalar(text, plain: false), line: n, at: start)
            }
            var last = end
            while last > start, bytes[last - 1] == UInt8(ascii: " ") { last -= 1 }
            guard last > start, !Self.indicators.contains(bytes[start]), bytes[last - 1] != UInt8(ascii: ":") else { return nil }
            for i in start..<last {
                let b = bytes[i]
                if b == UInt8(ascii: ":") && (flow || bytes[i + 1] == UInt8(ascii: " ")) { return nil }
                if b == UInt8(ascii: "#") && bytes[i - 1] == UInt8(ascii: " ") { return nil }
                if flow && Self.flowIndicators.contains(b) { return nil }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<last]), as: UTF8.self)
            return node(.scalar(text, plain: true), line: n, at: start)
        }

        /// The closing quote of a double-quoted string opened at `open`, on the same line and
        /// with no escape before it.
        func closingQuote(from open: Int, before end: Int) -> Int? {
            var i = open + 1
            while i < end {
                if bytes[i] == UInt8(ascii: "\\") { return nil }
                if bytes[i] == UInt8(ascii: "\"") { return i }
                i += 1
            }
            return nil
        }

        /// No tab, carriage return or other control character, nothing YAML reads as a line
        /// break (NEL, U+2028, U+2029) or refuses (C1 controls, U+FEFF, U+FFFE, U+FFFF).
        func safeCharacters() -> Bool {
            var i = 0
            let count = bytes.count
            while i < count {
                let b = bytes[i]
                if b < 0x80 {
                    if (b < 0x20 && b != UInt8(ascii: "\n")) || b == 0x7F { return false }
                } else if b == 0xC2 {
                    if i + 1 >= count || bytes[i + 1] < 0xA0 { return false }
                } else if b == 0xE2 {
                    if i + 2 >= count || (bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)) { return false }
                } else if b == 0xEF {
                    if i + 2 >= count || (bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF)
                        || (bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)) { return false }
                }
                i += 1
            }
            return true
        }

        static func isKeyByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }

        /// Characters that may not start a plain scalar (or may, but only in ways not worth telling apart).
        static let indicators: [UInt8] = Array("-?:,[]{}#&*!|>'\"%@`".utf8)
        /// Characters a plain scalar inside brackets may not hold.
        static let flowIndicators: [UInt8] = Array(",[]{}".utf8)
    }
}
