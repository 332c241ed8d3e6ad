import CCmark

/// `[[target]]`, `[[target|label]]` and `[[target#anchor]]` in running text become link nodes,
/// so they are resolved and checked exactly like Markdown links. Text inside code, raw HTML
/// and existing links is left alone.
enum Wikilinks {
    static func apply(to document: MarkdownDocument) {
        for text in document.tree.nodes(of: [CMARK_NODE_TEXT.rawValue]) {
            guard CmarkNode.literalContains(text, "[["), !CmarkNode.isInsideLiteralOrLink(text) else { continue }
            split(text, literal: CmarkNode.literal(text), in: document)
        }
    }

    /// The pieces of a text literal: plain runs and wikilinks (with their byte offset).
    enum Piece {
        case text(String)
        case link(target: String, label: String?, offset: Int)
    }

    static func pieces(of literal: String) -> [Piece] {
        var result: [Piece] = []
        let bytes = Array(literal.utf8)
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
            let inner = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
            let target: String, label: String?
            if let bar = inner.firstIndex(of: "|") {
                target = String(inner[..<bar])
                let l = String(inner[inner.index(after: bar)...])
                label = l.allSatisfy({ $0 == " " }) ? nil : trim(l)
            } else {
                target = inner
                label = nil
            }
            let cleanTarget = trim(target)
            guard !cleanTarget.isEmpty else { i = close + 2; continue }
            if plainStart < i { result.append(.text(String(decoding: bytes[plainStart..<i], as: UTF8.self))) }
            result.append(.link(target: cleanTarget, label: label, offset: i))
            i = close + 2
            plainStart = i
        }
        if plainStart < bytes.count { result.append(.text(String(decoding: bytes[plainStart...], as: UTF8.self))) }
        return result
    }

    private static func split(_ text: OpaquePointer, literal: String, in document: MarkdownDocument) {
        let parts = pieces(of: literal)
        guard parts.contains(where: { if case .link = $0 { return true } else { return false } }) else { return }
        let origin = document.bodyPosition(of: text)
        let sourceColumns = columnsOfOpeners(in: document.line(origin.line), from: origin.column)
        let literalOpeners = openerOffsets(in: Array(literal.utf8))
        for part in parts {
            switch part {
            case .text(let s):
                _ = cmark_node_insert_before(text, CmarkNode.text(s))
            case .link(let target, let label, let offset):
                let link = cmark_node_new(CMARK_NODE_LINK)!
                _ = cmark_node_set_url(link, target)
                _ = cmark_node_append_child(link, CmarkNode.text(label ?? target))
                _ = cmark_node_insert_before(text, link)
                // The literal is decoded (entities, escapes, smart quotes), so its offsets are not
                // the source's: find the same `[[`, by its rank, in the source line instead.
                let rank = literalOpeners.firstIndex(of: offset)
                let column = rank.flatMap { $0 < sourceColumns.count ? sourceColumns[$0] : nil } ?? origin.column + offset
                document.positionOverrides[link] = (origin.line, column)
                document.wikilinkNodes[link] = label != nil
            }
        }
        document.positionOverrides[text] = nil
        CmarkNode.remove(text)
    }

    /// Byte offsets of every `[[` (non-overlapping, left to right).
    static func openerOffsets(in bytes: [UInt8]) -> [Int] {
        var result: [Int] = []
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "[") {
                result.append(i)
                i += 2
            } else {
                i += 1
            }
        }
        return result
    }

    /// 1-based byte columns of the `[[` in a source line at or after `column`.
    static func columnsOfOpeners(in line: Substring, from column: Int) -> [Int] {
        let bytes = Array(line.utf8)
        let start = max(0, column - 1)
        guard start < bytes.count else { return [] }
        return openerOffsets(in: Array(bytes[start...])).map { start + $0 + 1 }
    }

    private static func trim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " { sub = sub.dropFirst() }
        while let l = sub.last, l == " " { sub = sub.dropLast() }
        return String(sub)
    }
}

