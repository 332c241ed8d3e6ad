import CCmark

/// An entry's Markdown parsed by cmark and run through our AST extensions (tables,
/// callouts, task lists, wikilinks, heading ids). Built once per entry to analyse it
/// (headings and links for the global index) and render it with placeholders for its links
/// (`BodyTemplate`); built again to render with resolved links only for a body that has no
/// template. No cmark tree outlives its task or is held in memory for the whole site.
final class MarkdownDocument {
    let tree: CmarkTree
    let options: MarkdownOptions
    /// Lines of the file before the Markdown body (front matter), added to every position.
    let lineOffset: Int
    let source: String
    private(set) var headings: [MarkdownHeading] = []
    /// Link and image nodes in document order, with what the analysis learnt about each.
    private(set) var links: [(node: OpaquePointer, info: MarkdownLink)] = []
    private(set) var droppedHTML: [SourceLocation] = []
    /// Body positions (line, byte column) of the first cell a table row has too many.
    var overflowingRows: [(line: Int, column: Int)] = []
    let file: String
    private(set) var unsafeURLs: [SourceLocation] = []
    /// Real positions of nodes from re-parsed fragments, which nodes are wikilinks, and the
    /// text of blocks holding links.
    var notes = NodeNotes()
    /// Tables seen so far, to give each a distinct accessible name.
    var tableCount = 0
    /// Byte offset where each line of `source` starts, found on first use (one pass over the bytes).
    private lazy var lineStarts: [Int] = {
        var text = source
        return text.withUTF8 { bytes in
            var starts = [0]
            bytes.forEachOffset(of: UInt8(ascii: "\n")) { starts.append($0 + 1); return true }
            return starts
        }
    }()

    /// `analyse` collects what the index needs (link positions and their sentences, plain
    /// text, dropped HTML); the render pass only needs the link nodes, in the same order.
    init(_ source: String, options: MarkdownOptions, lineOffset: Int, file: String, analyse: Bool = true) {
        // cmark ends a line at \r too; our line table only at \n. Files arrive with \n only
        // (SourceText), but any other caller's text is folded the same way, so they agree.
        self.source = source.containsByte(UInt8(ascii: "\r")) ? source.replacingCRLF() : source
        self.options = options
        self.lineOffset = lineOffset
        self.file = file
        var parseOptions = CMARK_OPT_SOURCEPOS
        if options.smartPunctuation { parseOptions |= CMARK_OPT_SMART }
        if options.unsafeHTML { parseOptions |= CMARK_OPT_UNSAFE }
        self.parseOptions = parseOptions
        // cmark accepts any bytes; a parse only fails when memory does.
        tree = CmarkTree(self.source, options: parseOptions) ?? CmarkTree("", options: 0)!
        cmark_consolidate_text_nodes(tree.root)
        PipeTables.apply(to: self)
        Callouts.apply(to: self)
        TaskLists.apply(to: self)
        Wikilinks.apply(to: self)
        headings = HeadingAnchors.apply(to: self)
        if analyse {
            collectLinks(file: file)
            if !options.unsafeHTML { collectDroppedHTML(file: file) }
        } else {
            collectLinkNodes()
        }
    }

    /// How the body was parsed; fragments (table cells) are parsed the same way.
    let parseOptions: Int32

    // MARK: positions

    /// The source line (1-based, within the body) as text; empty past the end.
    func line(_ number: Int) -> Substring {
        guard number >= 1 && number <= lineStarts.count else { return "" }
        let utf8 = source.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        let end = number < lineStarts.count ? utf8.index(utf8.startIndex, offsetBy: lineStarts[number] - 1) : utf8.endIndex
        return source[start..<end]
    }

    /// Where a node starts, in body coordinates (line, byte column).
    func bodyPosition(of node: OpaquePointer) -> (line: Int, column: Int) {
        if let p = notes[node].position { return p }
        return (CmarkNode.startLine(node), CmarkNode.startColumn(node))
    }

    /// A file location for a body position, with the byte column turned into characters
    /// (Unicode scalars, as editors count them).
    func location(line: Int, byteColumn: Int, file: String) -> SourceLocation {
        // The line's bytes read in place: a document's lines are slices of its text.
        let text = self.line(line).utf8
        let column = text.withContiguousStorageIfAvailable { Self.column(in: $0, byteColumn: byteColumn) }
            ?? Array(text).withUnsafeBufferPointer { Self.column(in: $0, byteColumn: byteColumn) }
        return SourceLocation(file: file, line: line + lineOffset, column: max(1, column))
    }

    /// The character column (1-based) of byte column `byteColumn` in `line`.
    private static func column(in line: UnsafeBufferPointer<UInt8>, byteColumn: Int) -> Int {
        var column = 1
        var bytes = 1
        for byte in line {
            if bytes >= byteColumn { break }
            bytes += 1
            if byte & 0xC0 != 0x80 { column += 1 }
        }
        // Continuation bytes of the last character before the column were not counted.
        return column
    }

    // MARK: links

    private func collectLinkNodes() {
        let linkTypes: CmarkNodeTypes = [CMARK_NODE_LINK.rawValue, CMARK_NODE_IMAGE.rawValue]
        for node in tree.nodes(of: linkTypes) {
            let isImage = CmarkNode.is(node, CMARK_NODE_IMAGE)
            let target = CmarkNode.url(node)
            if UnsafeURL.isDangerous(target, image: isImage) {
                CmarkNode.setURL(node, "")
                continue
            }
            let wikilabel = notes[node].wikilinkLabelled
            links.append((node, MarkdownLink(target: target, form: wikilabel != nil ? .wikilink : (isImage ? .image : .markdown),
                                             hasLabel: wikilabel ?? true, label: "", line: 0, column: 0,
                                             contextBefore: "", contextAfter: "")))
        }
    }

    private func collectLinks(file: String) {
        let linkTypes: CmarkNodeTypes = [CMARK_NODE_LINK.rawValue, CMARK_NODE_IMAGE.rawValue]
        let nodes = tree.nodes(of: linkTypes)
        // Dangerous destinations are emptied before any block's text is gathered, so that no
        // sentence or plain text quotes one, whatever the order of the links in a block.
        let targets = nodes.map { node in
            let target = CmarkNode.url(node)
            return UnsafeURL.isDangerous(target, image: CmarkNode.is(node, CMARK_NODE_IMAGE)) ? nil : target
        }
        for (node, target) in zip(nodes, targets) where target == nil { CmarkNode.setURL(node, "") }
        links.reserveCapacity(nodes.count)
        var scratch: [UInt8] = []
        for (node, target) in zip(nodes, targets) {
            let isImage = CmarkNode.is(node, CMARK_NODE_IMAGE)
            let position = bodyPosition(of: node)
            let location = self.location(line: position.line, byteColumn: position.column, file: file)
            guard let target else {
                unsafeURLs.append(location)
                continue
            }
            var before = "", after = ""
            // The text of the block, made for the first of its links and kept for the others
            // and for the plain text.
            if let block = LinkContexts.block(containing: node) {
                let contexts: LinkContexts
                if let known = notes[block].contexts { contexts = known } else {
                    contexts = LinkContexts(block: block, notes: notes)
                    notes[block].contexts = contexts
                }
                (before, after) = contexts.sentence(around: node)
            }
            let wikilabel = notes[node].wikilinkLabelled
            let info = MarkdownLink(
                target: target,
                form: wikilabel != nil ? .wikilink : (isImage ? .image : .markdown),
                hasLabel: wikilabel ?? true,
                label: CmarkNode.plainText(node, scratch: &scratch),
                line: location.line, column: location.column,
                contextBefore: before, contextAfter: after)
            links.append((node, info))
        }
    }

    private func collectDroppedHTML(file: String) {
        let types: CmarkNodeTypes = [CMARK_NODE_HTML_BLOCK.rawValue, CMARK_NODE_HTML_INLINE.rawValue]
        for node in tree.nodes(of: types) {
            let p = bodyPosition(of: node)
            droppedHTML.append(location(line: p.line, byteColumn: p.column, file: file))
        }
    }

    // MARK: output

    var analysis: MarkdownAnalysis {
        MarkdownAnalysis(headings: headings, links: links.map(\.info), droppedHTML: droppedHTML,
                         overflowingRows: overflowingRows.map { location(line: $0.line, byteColumn: $0.column, file: file) },
                         unsafeURLs: unsafeURLs, plainText: PlainText.of(tree, notes: notes, capacity: source.utf8.count))
    }

    /// HTML for the body, with every link's destination replaced by what the resolver decided.
    func render(resolved: [ResolvedLink?]) -> String {
        for (index, link) in links.enumerated() {
            guard index < resolved.count, let resolution = resolved[index] else { continue }
            CmarkNode.setURL(link.node, resolution.url)
            if let label = resolution.label, !link.info.hasLabel { replaceText(of: link.node, with: label) }
        }
        return String(decoding: tree.renderHTML(options: renderOptions), as: UTF8.self)
    }

    /// HTML for the body with numbered placeholders where `render(resolved:)` would put what
    /// the resolver decides (`BodyTemplate`). Changes the tree: call it after `analysis`.
    func template() -> BodyTemplate? {
        guard BodyTemplate.canHold(source) else { return nil }
        for (index, link) in links.enumerated() {
            CmarkNode.setURL(link.node, BodyTemplate.destination(index))
            if !link.info.hasLabel { replaceText(of: link.node, with: BodyTemplate.text(index)) }
        }
        return BodyTemplate.make(html: tree.renderHTML(options: renderOptions), links: links.map(\.info))
    }

    private func replaceText(of link: OpaquePointer, with text: String) {
        while let child = cmark_node_first_child(link) { CmarkNode.remove(child) }
        _ = cmark_node_append_child(link, CmarkNode.text(text))
    }

    private var renderOptions: Int32 {
        var renderOptions: Int32 = 0
        if options.unsafeHTML { renderOptions |= CMARK_OPT_UNSAFE }
        if options.hardBreaks { renderOptions |= CMARK_OPT_HARDBREAKS }
        return renderOptions
    }
}

/// URL schemes that must never reach a page: they run script or read local files.
enum UnsafeURL {
    static func isDangerous(_ url: String, image: Bool) -> Bool {
        // Without a colon nothing below can answer yes: most links of a hub (paths, wikilink
        // targets) end here, without the scheme's bytes gathered into an array.
        guard url.containsByte(UInt8(ascii: ":")) else { return false }
        // Browsers ignore ASCII whitespace and control characters inside a scheme, and case.
        var scheme: [UInt8] = []
        for byte in url.utf8.prefix(40) {
            if byte <= 0x20 { continue }
            if byte == UInt8(ascii: ":") { break }
            // Anything but letters before the colon: no scheme, a relative URL.
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) else { return false }
            scheme.append(byte | 0x20)
        }
        switch String(decoding: scheme, as: UTF8.self) {
        case "javascript", "vbscript", "file": return true  // the colon is there (above)
        case "data":
            let lower = url.lowercased().filter { !$0.isWhitespace }
            let safeImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
            return !(image && safeImage)
        default: return false
        }
    }
}

/// The reader-visible text of a document, block by block.
enum PlainText {
    /// - Parameter notes: the document's notes: which links are wikilinks, and the text of
    ///   blocks already gathered (those holding links).
    /// - Parameter capacity: room to reserve (the source's length: the text is rarely longer).
    static func of(_ tree: CmarkTree, notes: NodeNotes = NodeNotes(), capacity: Int = 0) -> String {
        // One walk of the tree with one iterator, straight into two buffers: paragraphs and
        // code blocks in `out` as they come, custom blocks holding inline text (table cells,
        // headings) in `cells`, which follow them. Walking each block with an iterator of its
        // own allocated one per paragraph of the hub.
        var out: [UInt8] = [], cells: [UInt8] = []
        out.reserveCapacity(capacity)
        var blocks = 0, cellBlocks = 0
        guard let iterator = cmark_iter_new(tree.root) else { return "" }
        defer { cmark_iter_free(iterator) }
        func appendText(of block: OpaquePointer, to bytes: inout [UInt8]) {
            if let contexts = notes[block].contexts {
                bytes += contexts.bytes
                cmark_iter_reset(iterator, block, CMARK_EVENT_EXIT)
            } else {
                LinkContexts.walk(inside: block, iterator: iterator, notes: notes, into: &bytes)
            }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = CmarkNode.type(node)
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_CODE_BLOCK {
                if blocks > 0 { out.append(UInt8(ascii: "\n")) }
                blocks += 1
                if type == CMARK_NODE_CODE_BLOCK { CmarkNode.appendLiteral(node, to: &out) } else { appendText(of: node, to: &out) }
            } else if type == CMARK_NODE_CUSTOM_BLOCK, let child = cmark_node_first_child(node),
                      CmarkNode.type(child).rawValue >= CMARK_NODE_FIRST_INLINE.rawValue {
                if cellBlocks > 0 { cells.append(UInt8(ascii: "\n")) }
                cellBlocks += 1
                let start = cells.count
                appendText(of: node, to: &cells)
                if let b = cells.last, start < cells.count, String.isTrimmedSpace(cells[start]) || String.isTrimmedSpace(b) {
                    let trimmed = String(decoding: cells[start...], as: UTF8.self).trimmingSpaces()
                    cells.replaceSubrange(start..., with: trimmed.utf8)
                }
            }
        }
        if blocks > 0 && cellBlocks > 0 { out.append(UInt8(ascii: "\n")) }
        out += cells
        return String(decoding: out, as: UTF8.self)
    }
}

/// The text of the block that holds some links, with the offsets of each link in it, so that
/// "Referenced by" can quote the sentence around a link. Works on UTF-8 bytes: the sentence
/// breaks it looks for are ASCII.
struct LinkContexts {
    private(set) var bytes: [UInt8] = []
    private var ranges: [OpaquePointer: Range<Int>] = [:]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func block(containing node: OpaquePointer) -> OpaquePointer? {
        var current = cmark_node_parent(node)
        while let n = current {
            let t = CmarkNode.type(n)
            if t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_CUSTOM_BLOCK { return n }
            current = cmark_node_parent(n)
        }
        return nil
    }

    init(block: OpaquePointer, notes: NodeNotes) {
        bytes.reserveCapacity(256)
        var ranges: [OpaquePointer: Range<Int>] = [:]
        Self.walk(block, notes: notes, into: &bytes) { ranges[$0] = $1 }
        self.ranges = ranges
    }

    /// Appends the block's text to `bytes`, and tells `link` where in `bytes` each link's
    /// text went. Walks with cmark's iterator rather than by recursion: emphasis or links
    /// nested thousands deep must not exhaust a task's stack.
    static func walk(_ block: OpaquePointer, notes: NodeNotes, into bytes: inout [UInt8],
                     link: (OpaquePointer, Range<Int>) -> Void = { _, _ in }) {
        guard let iterator = cmark_iter_new(block) else { return }
        defer { cmark_iter_free(iterator) }
        _ = cmark_iter_next(iterator)  // the block's own entry
        walk(inside: block, iterator: iterator, notes: notes, into: &bytes, link: link)
    }

    /// The same walk with an iterator that has just entered `block` (and may belong to a walk
    /// of the whole document): it is left at the block's exit.
    static func walk(inside block: OpaquePointer, iterator: OpaquePointer, notes: NodeNotes, into bytes: inout [UInt8],
                     link: (OpaquePointer, Range<Int>) -> Void = { _, _ in }) {
        // Where each open link's text starts: a block holds a few links at most, so a short
        // list, not a dictionary growing one link at a time.
        var starts: [(link: OpaquePointer, start: Int)] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let c = cmark_iter_get_node(iterator) else { continue }
            if c == block { break }  // its exit
            let t = CmarkNode.type(c)
            if event == CMARK_EVENT_EXIT {
                if let i = starts.lastIndex(where: { $0.link == c }) { link(c, starts.remove(at: i).start..<bytes.count) }
                continue
            }
            if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE {
                CmarkNode.appendLiteral(c, to: &bytes)
            } else if t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK {
                bytes.append(UInt8(ascii: " "))
            } else if t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE {
                if notes[c].wikilinkLabelled == false {
                    // The label will be the target's title, known only after indexing.
                    let start = bytes.count
                    bytes.append(contentsOf: WikilinkText.placeholder(for: CmarkNode.url(c)).utf8)
                    link(c, start..<bytes.count)
                    cmark_iter_reset(iterator, c, CMARK_EVENT_EXIT)  // skip the label
                } else {
                    if starts.isEmpty { starts.reserveCapacity(4) }
                    starts.append((c, bytes.count))
                }
            } else if t == CMARK_NODE_CUSTOM_INLINE {
                cmark_iter_reset(iterator, c, CMARK_EVENT_EXIT)
            }
        }
    }

    /// The parts of the link's sentence before and after the link, trimmed to a readable length.
    func sentence(around node: OpaquePointer) -> (String, String) {
        guard let range = ranges[node] else { return ("", "") }
        let isStop = { (b: UInt8) in b == UInt8(ascii: ".") || b == UInt8(ascii: "?") || b == UInt8(ascii: "!") }
        // At most this many bytes each way (the text is cut to 140 characters anyway): without a
        // bound, a long paragraph without a full stop and full of links takes quadratic time.
        let scan = 1024
        var start = range.lowerBound
        while start > 0, range.lowerBound - start < scan {
            if start >= 2, bytes[start - 1] == UInt8(ascii: " "), isStop(bytes[start - 2]) || bytes[start - 2] == UInt8(ascii: ":") { break }
            start -= 1
        }
        var end = range.upperBound
        while end < bytes.count, end - range.upperBound < scan {
            let b = bytes[end]
            end += 1
            if isStop(b), end == bytes.count || bytes[end] == UInt8(ascii: " ") { break }
        }
        let maxSide = 140
        var before = String(decoding: bytes[start..<range.lowerBound], as: UTF8.self)
        var after = String(decoding: bytes[range.upperBound..<end], as: UTF8.self)
        // (Counting characters walks grapheme clusters: a side of at most as many bytes needs no count.)
        if before.utf8.count > maxSide, before.count > maxSide {
            before = "…" + before.suffix(maxSide).drop { $0 != " " }
        }
        if after.utf8.count > maxSide, after.count > maxSide {
            let cut = after.prefix(maxSide)
            after = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
        }
        return (before, after)
    }
}

/// Text of a wikilink written without a label, whose visible text is its target's title:
/// the target is kept between two private-use markers until the index can name it.
public enum WikilinkText {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    static func placeholder(for target: String) -> String {
        String(Character(open)) + target + String(Character(close))
    }

    /// Replaces every placeholder with `title(target)` (or the bare target if unknown).
    public static func resolve(_ text: String, title: (String) -> String?) -> String {
        // The markers are U+E000 and U+E001: EE 80 80 and EE 80 81 in UTF-8.
        guard text.containsByte(0xEE) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 64)
        scan(text, text: { out.append(contentsOf: $0) }, placeholder: { out.append(contentsOf: (title($0) ?? $0).utf8) })
        return String(decoding: out, as: UTF8.self)
    }

    /// The targets of the placeholders in `text`, in order (repeats included).
    public static func targets(in text: String) -> [String] {
        guard text.containsByte(0xEE) else { return [] }
        var found: [String] = []
        scan(text, text: { _ in }, placeholder: { found.append($0) })
        return found
    }

    /// Walks `text` once: the runs between placeholders go to `text`, each placeholder's
    /// target to `placeholder`. An unclosed placeholder runs to the end of the text.
    private static func scan(_ text: String, text visitText: (UnsafeBufferPointer<UInt8>) -> Void, placeholder: (String) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            func marker(_ i: Int, _ last: UInt8) -> Bool {
                i + 2 < bytes.count && bytes[i] == 0xEE && bytes[i + 1] == 0x80 && bytes[i + 2] == last
            }
            var i = 0, runStart = 0
            while i < bytes.count {
                // Every marker starts with 0xEE, which is rare in text: jump from one to the next.
                guard bytes[i] == 0xEE else {
                    i = bytes.firstOffset(of: 0xEE, from: i) ?? bytes.count
                    continue
                }
                guard marker(i, 0x80) else { i += 1; continue }
                visitText(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                var j = i + 3
                while j + 2 < bytes.count, !marker(j, 0x81) { j += 1 }
                placeholder(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 3)..<min(j, bytes.count)]), as: UTF8.self))
                i = j + 3
                runStart = min(i, bytes.count)
            }
            visitText(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }
}
