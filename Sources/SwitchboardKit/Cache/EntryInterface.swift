extension Entry {
    /// What every page but the entry's own sees of it: the entry with what only its own page,
    /// its search document and its own warnings read taken out — the file's hash, the positions inside
    /// it, the plain text past the first paragraph (which a fallback summary is made from).
    /// Kept as an `Entry`, so that a field added to entries one day counts as seen by other
    /// pages until someone decides otherwise.
    ///
    /// When an edit leaves this unchanged, no other page, index, export or diagnostic of the
    /// site can change: `BodyEditRebuild` renders the entry's page and the search index alone.
    var interface: Entry {
        var copy = self
        copy.sourceHash = 0
        copy.bodyLineOffset = 0
        copy.markdown.plainText = Summary.firstLine(of: markdown.plainText)
        copy.markdown.droppedHTML = []
        copy.markdown.overflowingRows = []
        copy.markdown.unsafeURLs = []
        copy.markdown.template = nil
        for i in copy.markdown.links.indices {
            copy.markdown.links[i].line = 0
            copy.markdown.links[i].column = 0
        }
        for i in copy.markdown.headings.indices { copy.markdown.headings[i].line = 0 }
        return copy
    }

    /// Warnings about the entry's Markdown: what its own page drops or cannot show.
    var markdownWarnings: [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for location in markdown.droppedHTML {
            diagnostics.append(.warning(.rawHTMLDropped, "raw HTML is dropped", at: location,
                                        hint: "write it in Markdown, or set `markdown: {unsafe_html: true}` in hub.yml if you trust every author"))
        }
        for location in markdown.overflowingRows {
            diagnostics.append(.warning(.tableRowOverflow, "this table row has more cells than the header; the extra cells are not shown",
                                        at: location, hint: "write a literal | in a cell as \\|, or add a column to the header"))
        }
        for location in markdown.unsafeURLs {
            diagnostics.append(.warning(.unsafeURL, "a javascript:, vbscript:, file: or data: URL was removed", at: location,
                                        hint: "link to an http(s) address or a page of the hub"))
        }
        return diagnostics
    }
}
