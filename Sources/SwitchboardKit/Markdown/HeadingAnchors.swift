import CCmark

/// Gives every heading a stable, unique id (from its text, or `{#custom-id}` written at its
/// end), a self-link, and returns the list for the table of contents and anchor checking.
enum HeadingAnchors {
    static func apply(to document: MarkdownDocument) -> [MarkdownHeading] {
        let headings = document.tree.nodes(of: [CMARK_NODE_HEADING.rawValue])
        var used = Set<String>(minimumCapacity: headings.count)
        var result: [MarkdownHeading] = []
        result.reserveCapacity(headings.count)
        var scratch: [UInt8] = []
        var html = CmarkNode.HTMLBuffer()
        for heading in headings {
            let level = Int(cmark_node_get_heading_level(heading))
            let explicit = takeExplicitID(from: heading)
            let text = CmarkNode.plainText(heading, scratch: &scratch).trimmingSpaces()
            var base = explicit ?? Slug.make(text)
            if base.isEmpty { base = "section" }
            var id = base
            var n = 1
            while !used.insert(id).inserted {
                id = "\(base)-\(n)"
                n += 1
            }
            let position = document.bodyPosition(of: heading)
            result.append(MarkdownHeading(id: id, text: text, level: level, line: position.line + document.lineOffset))

            // The HTML around the heading, written as bytes for cmark: every heading of the hub
            // comes through here, and string interpolation cost more than the rest of the loop.
            let digit = UInt8(ascii: "0") + UInt8(clamping: level)
            let box = html.custom(block: true, enter: {
                $0 += "<h"; $0.append(digit); $0 += " id=\""
                HTMLEscaping.escape(id, into: &$0)
                $0 += "\">"
            }, exit: { $0 += "</h"; $0.append(digit); $0 += ">" })
            CmarkNode.moveChildren(from: heading, to: box)
            _ = cmark_node_append_child(box, html.custom(block: false, enter: {
                $0 += " <a class=\"heading-anchor\" href=\"#"
                HTMLEscaping.escape(id, into: &$0)
                $0 += "\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
            }))
            CmarkNode.replace(heading, with: box)
        }
        return result
    }

    /// `## Formula {#formula}` → "formula", and the marker is removed from the text.
    private static func takeExplicitID(from heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), CmarkNode.is(last, CMARK_NODE_TEXT) else { return nil }
        let literal = CmarkNode.literal(last)
        guard literal.hasSuffix("}"), let open = literal.range(of: "{#", options: .backwards) else { return nil }
        let id = String(literal[open.upperBound..<literal.index(before: literal.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        let rest = String(literal[..<open.lowerBound]).trimmingSpaces()
        if rest.isEmpty { CmarkNode.remove(last) } else { CmarkNode.setLiteral(last, rest) }
        return id
    }
}

extension String {
    /// Whether a byte is one of the three characters `trimmingSpaces` takes off.
    static func isTrimmedSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") }

    func trimmingSpaces() -> String {
        // Most text has nothing to trim: a first and last byte that are not one of the three
        // cannot start or end a character that is, so the text is returned as it is.
        guard let first = utf8.first, let last = utf8.last, Self.isTrimmedSpace(first) || Self.isTrimmedSpace(last) else { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
