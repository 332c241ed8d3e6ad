import CCmark

/// `[[target]]`, `[[target|label]]` and `[[target#anchor]]` in running text become link nodes,
/// so they are resolved and checked exactly like Markdown links. Text inside code, raw HTML
/// and existing links is left alone.
enum Wikilinks {
    static func apply(to document: MarkdownDocument) {
        let candidates = document.tree.nodes(of: [CMARK_NODE_TEXT.rawValue]) { CmarkNode.literalContains($0, "[[") }
        for text in candidates where !CmarkNode.isInsideLiteralOrLink(text) {
            split(text, literal: CmarkNode.literal(text), in: document)
        }
    }

    /// The pieces of a text literal: plain runs and wikilinks (with their byte offset).
    enum Piece {
        case text(String)
        case link(target: String, label: String?, offset: Int)
    }

    /// Works on the literal's bytes: the syntax (`[[`, `|`, `]]`, the spaces trimmed around
    /// target and label) is ASCII.
    static func pieces(of literal: String) -> [Piece] {
        var literal = literal
        return literal.withUTF8 { bytes in
            var result: [Piece] = []
            result.reserveCapacity(3)  // most literals hold one wikilink, with text on either side
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            func trimmed(_ range: Range<Int>) -> Range<Int> {
                var lower = range.lowerBound, upper = range.upperBound
                while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
                while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
                return lower..<upper
            }
            var i = 0, plainStart = 0
            while i + 1 < bytes.count {
                guard bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
                // Find the closing `]]` on the same text run, without crossing another `[[`.
                var j = i + 2
                var close: Int?
                while j + 1 < bytes.count {
                    if bytes[j] == UInt8(ascii: "]") && bytes[j + 1] == UInt8(ascii: "]") { close = j; break }
                    if bytes[j] == UInt8(ascii: "[") || bytes[j] == UInt8(ascii: "\n") { break }
                    j += 1
                }
                guard let close else { i += 1; continue }
                let inner = (i + 2)..<close
                let bar = bytes[inner].firstIndex(of: UInt8(ascii: "|"))
                let target = trimmed(inner.lowerBound..<(bar ?? close))
                let label = bar.map { trimmed(($0 + 1)..<close) }
                guard !target.isEmpty else { i = close + 2; continue }
                if plainStart < i { result.append(.text(text(plainStart..<i))) }
                result.append(.link(target: text(target), label: label.flatMap { $0.isEmpty ? nil : text($0) }, offset: i))
                i = close + 2
                plainStart = i
            }
            if plainStart < bytes.count { result.append(.text(text(plainStart..<bytes.count))) }
            return result
        }
    }

    private static func split(_ text: OpaquePointer, literal: String, in document: MarkdownDocument) {
        let parts = pieces(of: literal)
        guard parts.contains(where: { if case .link = $0 { return true } else { return false } }) else { return }
        let origin = document.bodyPosition(of: text)
        let sourceColumns = columnsOfOpeners(in: document.line(origin.line), from: origin.column)
        let literalOpeners = openerOffsets(in: literal)
        for part in parts {
            switch part {
            case .text(let s):
                _ = cmark_node_insert_before(text, CmarkNode.text(s))
            case .link(let target, let label, let offset):
                let link = cmark_node_new(CMARK_NODE_LINK)!
                CmarkNode.setURL(link, target)
                _ = cmark_node_append_child(link, CmarkNode.text(label ?? target))
                _ = cmark_node_insert_before(text, link)
                // The literal is decoded (entities, escapes, smart quotes), so its offsets are not
                // the source's: find the same `[[`, by its rank, in the source line instead.
                let rank = literalOpeners.firstIndex(of: offset)
                let column = rank.flatMap { $0 < sourceColumns.count ? sourceColumns[$0] : nil } ?? origin.column + offset
                document.notes[link].position = (origin.line, column)
                document.notes[link].wikilinkLabelled = label != nil
            }
        }
        CmarkNode.remove(text)
    }

    /// Byte offsets of every `[[` (non-overlapping, left to right), found with memchr.
    static func openerOffsets(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var result: [Int] = []
        var free = 0  // the first offset not taken by the last `[[`
        bytes.forEachOffset(of: UInt8(ascii: "[")) { i in
            if i >= free, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
                result.append(i)
                free = i + 2
            }
            return true
        }
        return result
    }

    static func openerOffsets(in text: String) -> [Int] {
        var text = text
        return text.withUTF8 { openerOffsets(in: $0) }
    }

    /// 1-based byte columns of the `[[` in a source line at or after `column`.
    static func columnsOfOpeners(in line: Substring, from column: Int) -> [Int] {
        let start = max(0, column - 1)
        // The line's bytes read in place (a document's lines are slices of its text).
        func openers(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
            start < bytes.count ? openerOffsets(in: UnsafeBufferPointer(rebasing: bytes[start...])) : []
        }
        let offsets = line.utf8.withContiguousStorageIfAvailable(openers) ?? Array(line.utf8).withUnsafeBufferPointer(openers)
        return offsets.map { start + $0 + 1 }
    }
}
