import CCmark

/// GitHub-style alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` becomes a labelled callout box. Text after the marker on the
/// same line replaces the default title.
enum Callouts {
    static let kinds: [String: String] = [
        "NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution",
    ]

    static func apply(to document: MarkdownDocument) {
        for quote in document.tree.nodes(of: [CMARK_NODE_BLOCK_QUOTE.rawValue]) {
            guard let paragraph = cmark_node_first_child(quote), CmarkNode.is(paragraph, CMARK_NODE_PARAGRAPH),
                  let marker = cmark_node_first_child(paragraph), CmarkNode.is(marker, CMARK_NODE_TEXT) else { continue }
            let literal = CmarkNode.literal(marker)
            guard literal.hasPrefix("[!"), let close = literal.firstIndex(of: "]") else { continue }
            let kind = literal[literal.index(literal.startIndex, offsetBy: 2)..<close].uppercased()
            guard let defaultTitle = kinds[kind] else { continue }
            let rest = literal[literal.index(after: close)...].trimmingCharacters(in: .whitespaces)
            let next = cmark_node_next(marker)
            // The marker must end its line.
            guard next == nil || CmarkNode.is(next!, CMARK_NODE_SOFTBREAK) || CmarkNode.is(next!, CMARK_NODE_LINEBREAK) else { continue }

            let title = rest.isEmpty ? defaultTitle : HTMLEscaping.escape(rest)
            let slug = kind.lowercased()
            let box = CmarkNode.custom(block: true,
                                  enter: "<div class=\"callout callout-\(slug)\" role=\"note\"><p class=\"callout-title\">\(title)</p>",
                                  exit: "</div>")
            CmarkNode.remove(marker)
            if let br = next { CmarkNode.remove(br) }
            if cmark_node_first_child(paragraph) == nil { CmarkNode.remove(paragraph) }
            CmarkNode.moveChildren(from: quote, to: box)
            CmarkNode.replace(quote, with: box)
        }
    }
}

private extension String {
    func trimmingCharacters(in set: CharacterSetLite) -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

private extension Substring {
    func trimmingCharacters(in set: CharacterSetLite) -> String { String(self).trimmingCharacters(in: set) }
}

/// Only spaces and tabs: enough here, without pulling Foundation into the Markdown stage.
enum CharacterSetLite { case whitespaces }
