import CCmark

/// GitHub-style pipe tables. cmark has no tables, so a table arrives as a paragraph; we
/// re-read that paragraph's source lines, and when they hold a header row followed by a
/// delimiter row with the same number of cells, replace it with table nodes whose cells are
/// parsed as inline Markdown. Code blocks are never paragraphs, so tables in code stay code.
enum PipeTables {
    enum Alignment {
        case none, left, center, right

        /// Its place in `CellTags`' tables.
        var position: Int {
            switch self {
            case .none: return 0
            case .left: return 1
            case .center: return 2
            case .right: return 3
            }
        }
    }

    static func apply(to document: MarkdownDocument) {
        for paragraph in document.tree.nodes(of: [CMARK_NODE_PARAGRAPH.rawValue], where: mightBeTable) {
            convert(paragraph, in: document)
        }
    }

    /// Cheap test before touching the source: a table is two lines at least (header and
    /// delimiter row), and a table row always has a `|` in its text. (A one-line paragraph
    /// with a `|` is common: a labelled wikilink, `[[target|label]]`.)
    private static func mightBeTable(_ paragraph: OpaquePointer) -> Bool {
        guard CmarkNode.endLine(paragraph) > CmarkNode.startLine(paragraph) else { return false }
        var child = cmark_node_first_child(paragraph)
        while let c = child {
            if CmarkNode.is(c, CMARK_NODE_TEXT) && CmarkNode.literalContains(c, "|") { return true }
            child = cmark_node_next(c)
        }
        return false
    }

    /// A source line of the paragraph, with the container prefixes (`> `, list indentation)
    /// that cmark stripped removed again, and the byte column where the kept text starts.
    struct Line {
        var text: Substring
        var number: Int
        var column: Int
    }

    private static func lines(of paragraph: OpaquePointer, in document: MarkdownDocument) -> [Line] {
        let first = CmarkNode.startLine(paragraph), last = CmarkNode.endLine(paragraph)
        let prefixWidth = CmarkNode.startColumn(paragraph) - 1
        guard first >= 1, last >= first else { return [] }
        var result: [Line] = []
        for number in first...last {
            let raw = document.line(number)
            let prefix = raw.utf8.prefix(prefixWidth)
            // The first line starts exactly where the paragraph does, whatever stands before it
            // (a list marker); later lines carry only container prefixes, or none when lazy.
            if prefix.count == prefixWidth, number == first
                || prefix.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") }) {
                let start = raw.utf8.index(raw.startIndex, offsetBy: prefixWidth)
                result.append(Line(text: raw[start...], number: number, column: prefixWidth + 1))
            } else {
                // A lazy continuation line carries no container prefix.
                let trimmed = raw.drop { $0 == " " }
                result.append(Line(text: trimmed, number: number, column: raw.utf8.count - trimmed.utf8.count + 1))
            }
        }
        return result
    }

    private static func convert(_ paragraph: OpaquePointer, in document: MarkdownDocument) {
        let lines = lines(of: paragraph, in: document)
        guard lines.count >= 2 else { return }
        var headerIndex: Int?
        var alignments: [Alignment] = []
        var header: [Cell] = []
        for i in 0..<(lines.count - 1) {
            guard let aligns = delimiterRow(lines[i + 1].text) else { continue }
            header = cells(of: lines[i].text)
            if header.count == aligns.count { headerIndex = i; alignments = aligns; break }
        }
        guard let headerIndex else { return }

        // Lines above the header stay a paragraph (a table may interrupt one).
        if headerIndex > 0 {
            let kept = Array(lines[0..<headerIndex])
            let intro = CmarkNode.custom(block: true, enter: "<p>", exit: "</p>")
            // A lazy continuation line (`>x` then `=`) cannot underline a setext heading, but
            // re-parsed on its own it would: escape it, so the intro stays one paragraph.
            let text = kept.enumerated().map { $0.offset > 0 && isSetextUnderline($0.element.text) ? "\\" + $0.element.text : String($0.element.text) }
            appendInlines(of: text.joined(separator: "\n"), to: intro, origin: kept[0], document: document)
            _ = cmark_node_insert_before(paragraph, intro)
        }

        document.tableCount += 1
        let table = CmarkNode.custom(block: true,
                                enter: "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(label(number: document.tableCount, header: header))\"><table>",
                                exit: "</table></div>")
        let head = CmarkNode.custom(block: true, enter: "<thead>", exit: "</thead>")
        var pending = head.appendRow(header, line: lines[headerIndex], cellTags: CellTags("th", alignments))
        _ = cmark_node_append_child(table, head)
        let bodyLines = lines[(headerIndex + 2)...]
        if !bodyLines.isEmpty {
            let dataTags = CellTags("td", alignments)
            let body = CmarkNode.custom(block: true, enter: "<tbody>", exit: "</tbody>")
            for line in bodyLines {
                let row = cells(of: line.text)
                if row.count > alignments.count {
                    document.overflowingRows.append((line.number, line.column + row[alignments.count].offset))
                }
                pending += body.appendRow(row, line: line, cellTags: dataTags)
            }
            _ = cmark_node_append_child(table, body)
        }
        fill(pending, document: document)
        CmarkNode.replace(paragraph, with: table)
    }

    /// The opening tag of each column's cells, and the closing tag: made once a table.
    struct CellTags {
        var enter: [String]
        var exit: String

        init(_ tag: String, _ alignments: [Alignment]) {
            let tags = tag == "th" ? Self.header : Self.data
            enter = alignments.map { tags[$0.position] }
            exit = "</\(tag)>"
        }

        /// The opening tags of header and data cells, by alignment (`Alignment.position`):
        /// made once, not for every table.
        private static let header = Self.openings("th", scope: " scope=\"col\"")
        private static let data = Self.openings("td", scope: "")

        private static func openings(_ tag: String, scope: String) -> [String] {
            ["<\(tag)\(scope)>", "<\(tag)\(scope) style=\"text-align: left\">",
             "<\(tag)\(scope) style=\"text-align: center\">", "<\(tag)\(scope) style=\"text-align: right\">"]
        }
    }

    /// A table cell waiting for its inline content.
    struct PendingCell {
        var node: OpaquePointer
        var cell: Cell
        var line: Line
    }

    /// Parses every cell of a table in one cmark document — each cell a paragraph of its own,
    /// after "a " so that nothing in it can start a block — rather than one parse per cell.
    static func fill(_ cells: [PendingCell], document: MarkdownDocument) {
        let smart = document.options.smartPunctuation
        var filled: [PendingCell] = []
        for pending in cells where !pending.cell.text.isEmpty {
            // Most cells are words and numbers: cmark would give back the text as it is.
            guard isPlain(pending.cell.text, smart: smart) else { filled.append(pending); continue }
            let text = CmarkNode.text(pending.cell.text)
            document.notes[text].position = (pending.line.number, pending.line.column + pending.cell.offset)
            _ = cmark_node_append_child(pending.node, text)
        }
        guard !filled.isEmpty else { return }
        let combined = filled.map { "a " + $0.cell.text }.joined(separator: "\n\n")
        guard let fragment = CmarkTree(combined, options: document.parseOptions) else { return }
        cmark_consolidate_text_nodes(fragment.root)
        let paragraphs = CmarkNode.children(fragment.root)
        guard paragraphs.count == filled.count, paragraphs.allSatisfy({ CmarkNode.is($0, CMARK_NODE_PARAGRAPH) }) else {
            // Something in a cell ended its paragraph early: parse the cells one by one.
            for pending in filled {
                appendInlines(of: pending.cell.text, to: pending.node, origin: pending.line,
                              sourceOffset: pending.cell.sourceOffset, document: document)
            }
            return
        }
        for (k, (pending, paragraph)) in zip(filled, paragraphs).enumerated() {
            adopt(paragraph, into: pending.node, firstLine: 2 * k + 1, origin: pending.line,
                  sourceOffset: pending.cell.sourceOffset, document: document)
        }
    }

    /// Whether inline parsing leaves `text` exactly as it is: no byte that can start Markdown
    /// (emphasis, code, links, images, entities, HTML, escapes, wikilinks, `|`), none that smart
    /// punctuation turns into typography, no control characters (cmark replaces NUL).
    static func isPlain(_ text: String, smart: Bool) -> Bool {
        let table = smart ? plainBytesSmart : plainBytes
        return text.utf8.allSatisfy { table[Int($0)] }
    }

    private static let plainBytes: [Bool] = (0..<256).map { (b: Int) -> Bool in
        if b >= 0x80 { return true }  // the rest of a UTF-8 scalar: cmark reads it as text
        let c = Character(Unicode.Scalar(UInt8(b)))
        return c.isLetter || c.isNumber || " ,;:/%+=#()?@$^{}~.-'\"".contains(c)
    }
    private static let plainBytesSmart: [Bool] = plainBytes.enumerated().map { b, plain in
        plain && !".-'\"".utf8.contains(UInt8(b))
    }

    /// Moves a fragment paragraph's inlines into `container`, dropping the "a " prefix and
    /// mapping fragment positions (line `firstLine` = the cell's line) back to the file.
    static func adopt(_ paragraph: OpaquePointer, into container: OpaquePointer, firstLine: Int, origin: Line,
                      sourceOffset: (Int) -> Int, document: MarkdownDocument) {
        if let first = cmark_node_first_child(paragraph), CmarkNode.is(first, CMARK_NODE_TEXT) {
            let literal = CmarkNode.literal(first)
            if literal.utf8.count <= 2 { CmarkNode.remove(first) } else { CmarkNode.setLiteral(first, String(literal.dropFirst(2))) }
        }
        var iteratorTree: [OpaquePointer] = []
        var stack = CmarkNode.children(paragraph)
        while let node = stack.popLast() {
            iteratorTree.append(node)
            stack += CmarkNode.children(node)
        }
        for node in iteratorTree {
            let relativeLine = CmarkNode.startLine(node) - firstLine + 1
            let column = relativeLine <= 1 ? origin.column + sourceOffset(max(0, CmarkNode.startColumn(node) - 3)) : CmarkNode.startColumn(node)
            document.notes[node].position = (origin.number + max(0, relativeLine - 1), column)
        }
        CmarkNode.moveChildren(from: paragraph, to: container)
    }

    /// `===` or `---` (up to three spaces before, spaces or tabs after): a setext underline.
    static func isSetextUnderline(_ line: Substring) -> Bool {
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count, i < 3, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") || bytes[i] == UInt8(ascii: "-") else { return false }
        let mark = bytes[i]
        while i < bytes.count, bytes[i] == mark { i += 1 }
        return bytes[i...].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The markup characters `label` leaves out (all ASCII), and the same as a table by byte.
    private static let markup = "*_`[]|\\"
    private static let markupBytes: [Bool] = (0..<256).map { markup.utf8.contains(UInt8($0)) }

    /// A name for the scrollable region, unique on the page: "Table 2: KPI, Formula, Unit".
    static func label(number: Int, header: [Cell]) -> String {
        let names = header.map { cell in
            // Most headers hold no markup characters (all ASCII): nothing to filter out then.
            guard cell.text.utf8.contains(where: { markupBytes[Int($0)] }) else { return cell.text.trimmingSpaces() }
            return String(cell.text.filter { !markup.contains($0) }).trimmingSpaces()
        }.filter { !$0.isEmpty }
        var text = "Table \(number)"
        if !names.isEmpty {
            let joined = names.joined(separator: ", ")
            // No more than 80 bytes, no more than 80 characters: counted only when longer.
            text += ": " + (joined.utf8.count > 80 && joined.count > 80 ? String(joined.prefix(79)) + "…" : joined)
        }
        return HTMLEscaping.escape(text)
    }

    // MARK: rows

    struct Cell {
        var text: String
        /// Byte offset of the cell's content within its line.
        var offset: Int
        /// Offsets in `text` of pipes that were written `\|`: source columns after them are one further.
        var unescapedPipes: [Int] = []

        /// The byte offset in the source line of byte `k` of `text`.
        func sourceOffset(_ k: Int) -> Int {
            offset + k + unescapedPipes.filter { $0 < k }.count
        }
    }

    /// Splits a row on unescaped pipes. Leading and trailing pipes are optional; `\|` is a
    /// literal pipe (also inside code spans, as in GFM).
    static func cells(of row: Substring) -> [Cell] {
        let bytes = Array(row.utf8)
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        if start < end, bytes[start] == UInt8(ascii: "|") { start += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "|"), !isEscaped(bytes, end - 1) { end -= 1 }

        var result: [Cell] = []
        result.reserveCapacity(bytes[start..<max(start, end)].count(where: { $0 == UInt8(ascii: "|") }) + 1)
        var cellStart = start
        var current: [UInt8] = []
        var pipes: [Int] = []
        var i = start
        func finish() {
            // Trim, remembering where the content begins for positions.
            var lead = 0
            while lead < current.count, current[lead] == UInt8(ascii: " ") || current[lead] == UInt8(ascii: "\t") { lead += 1 }
            var tail = current.count
            while tail > lead, current[tail - 1] == UInt8(ascii: " ") || current[tail - 1] == UInt8(ascii: "\t") { tail -= 1 }
            result.append(Cell(text: String(decoding: current[lead..<tail], as: UTF8.self), offset: cellStart + lead,
                               unescapedPipes: pipes.filter { $0 >= lead && $0 < tail }.map { $0 - lead }))
        }
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "|") {
                pipes.append(current.count)
                current.append(UInt8(ascii: "|"))
                i += 2
                continue
            }
            if b == UInt8(ascii: "\\"), i + 1 < end {
                current.append(b)
                current.append(bytes[i + 1])
                i += 2
                continue
            }
            // `[[target|label]]` keeps its pipe: a wikilink label never splits a cell.
            if b == UInt8(ascii: "["), i + 1 < end, bytes[i + 1] == UInt8(ascii: "["), let close = wikilinkEnd(bytes, from: i + 2, before: end) {
                current.append(contentsOf: bytes[i..<close])
                i = close
                continue
            }
            if b == UInt8(ascii: "|") {
                finish()
                current.removeAll(keepingCapacity: true)  // one buffer for every cell of the row
                pipes.removeAll(keepingCapacity: true)
                cellStart = i + 1
                i += 1
                continue
            }
            current.append(b)
            i += 1
        }
        finish()
        return result
    }

    /// The index just past the `]]` closing a wikilink whose text starts at `start`, if it
    /// closes on this row before another `[[`.
    private static func wikilinkEnd(_ bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        var j = start
        while j + 1 < end {
            if bytes[j] == UInt8(ascii: "]") && bytes[j + 1] == UInt8(ascii: "]") { return j + 2 }
            if bytes[j] == UInt8(ascii: "[") && bytes[j + 1] == UInt8(ascii: "[") { return nil }
            j += 1
        }
        return nil
    }

    private static func isEscaped(_ bytes: [UInt8], _ index: Int) -> Bool {
        var backslashes = 0
        var j = index - 1
        while j >= 0, bytes[j] == UInt8(ascii: "\\") { backslashes += 1; j -= 1 }
        return backslashes % 2 == 1
    }

    /// The alignments of a delimiter row (`| :-- | :-: | --: |`), or nil if it is not one.
    static func delimiterRow(_ row: Substring) -> [Alignment]? {
        // A delimiter row needs a pipe: a bare `---` is a heading underline or a rule.
        guard row.containsByte(UInt8(ascii: "|")), row.containsByte(UInt8(ascii: "-")) else { return nil }
        var result: [Alignment] = []
        for cell in cells(of: row) {
            // By byte: a cell of anything but ASCII colons and dashes is no delimiter cell.
            let t = cell.text.utf8
            guard let first = t.first, let last = t.last else { return nil }
            let left = first == UInt8(ascii: ":"), right = last == UInt8(ascii: ":")
            let count = t.count
            var k = 0, dashes = 0
            for byte in t {
                defer { k += 1 }
                if (k == 0 && left) || (k == count - 1 && right && count > 1) { continue }
                guard byte == UInt8(ascii: "-") else { return nil }
                dashes += 1
            }
            guard dashes > 0 else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result.isEmpty ? nil : result
    }

    /// Parses a cell's text as inline Markdown and appends the inlines to `container`.
    /// The text is parsed after "a " so that nothing in it can start a block (`# `, `- `, `> `).
    /// - Parameter sourceOffset: maps a byte offset in `text` to the byte offset in the origin line.
    static func appendInlines(of text: String, to container: OpaquePointer, origin: Line,
                              sourceOffset: (Int) -> Int = { $0 }, document: MarkdownDocument) {
        guard !text.isEmpty, let fragment = CmarkTree("a " + text, options: document.parseOptions) else { return }
        cmark_consolidate_text_nodes(fragment.root)
        guard let paragraph = cmark_node_first_child(fragment.root), CmarkNode.is(paragraph, CMARK_NODE_PARAGRAPH) else {
            let literal = CmarkNode.text(text)
            document.notes[literal].position = (origin.number, origin.column)
            _ = cmark_node_append_child(container, literal)
            return
        }
        adopt(paragraph, into: container, firstLine: 1, origin: origin, sourceOffset: sourceOffset, document: document)
    }
}

private extension OpaquePointer {
    /// Appends a row of empty cells; returns them for `PipeTables.fill`.
    func appendRow(_ cells: [PipeTables.Cell], line: PipeTables.Line, cellTags: PipeTables.CellTags) -> [PipeTables.PendingCell] {
        let row = CmarkNode.custom(block: true, enter: "<tr>", exit: "</tr>")
        var pending: [PipeTables.PendingCell] = []
        pending.reserveCapacity(Swift.min(cells.count, cellTags.enter.count))
        for (index, enter) in cellTags.enter.enumerated() {
            let cell = CmarkNode.custom(block: true, enter: enter, exit: cellTags.exit)
            if index < cells.count { pending.append(PipeTables.PendingCell(node: cell, cell: cells[index], line: line)) }
            _ = cmark_node_append_child(row, cell)
        }
        _ = cmark_node_append_child(self, row)
        return pending
    }
}
