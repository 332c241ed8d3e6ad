import CCmark

/// GitHub task lists: a list item starting with `[ ]` or `[x]` gets a (read-only) checkbox.
enum TaskLists {
    static func apply(to document: MarkdownDocument) {
        for item in document.tree.nodes(of: [CMARK_NODE_ITEM.rawValue]) {
            guard let paragraph = cmark_node_first_child(item), CmarkNode.is(paragraph, CMARK_NODE_PARAGRAPH),
                  let text = cmark_node_first_child(paragraph), CmarkNode.is(text, CMARK_NODE_TEXT),
                  // Most items are no tasks: their text is only made a String when it starts like one.
                  cmark_node_get_literal(text)?.pointee == CChar(UInt8(ascii: "[")) else { continue }
            let literal = CmarkNode.literal(text)
            let checked: Bool
            if literal.hasPrefix("[ ] ") || literal == "[ ]" { checked = false }
            else if literal.hasPrefix("[x] ") || literal.hasPrefix("[X] ") || literal == "[x]" || literal == "[X]" { checked = true }
            else { continue }
            let rest = String(literal.dropFirst(min(4, literal.count)))
            let box = CmarkNode.custom(
                block: false,
                enter: checked
                    ? "<input type=\"checkbox\" class=\"task\" checked disabled aria-label=\"Done\"> "
                    : "<input type=\"checkbox\" class=\"task\" disabled aria-label=\"To do\"> ",
                exit: "")
            _ = cmark_node_insert_before(text, box)
            if rest.isEmpty { CmarkNode.remove(text) } else { CmarkNode.setLiteral(text, rest) }
        }
    }
}
