import CCmark

/// What our extensions note about single nodes of a document's tree, reached through the
/// node's cmark user data (an index into the notes, plus one). They are read for every link,
/// heading and block, where a table keyed by the node's address would hash each time; and a
/// freed node takes its index with it, so a new node at the same address never finds a note
/// that was not its own.
struct NodeNotes {
    struct Note {
        /// Where a node that came from a re-parsed fragment (table cells, text before a table)
        /// starts in the body: cmark numbers those from the fragment.
        var position: (line: Int, column: Int)?
        /// For a link made from a `[[wikilink]]`: whether it carried a label.
        var wikilinkLabelled: Bool?
        /// For a block holding links: its text, gathered for their sentences (`LinkContexts`).
        var contexts: LinkContexts?
    }

    private var notes: [Note] = []

    /// Nodes never noted (every node cmark made) have an empty note.
    subscript(node: OpaquePointer) -> Note {
        get {
            let i = Int(bitPattern: cmark_node_get_user_data(node))
            return i > 0 && i <= notes.count ? notes[i - 1] : Note()
        }
        set {
            let i = Int(bitPattern: cmark_node_get_user_data(node))
            if i > 0 && i <= notes.count {
                notes[i - 1] = newValue
            } else {
                notes.append(newValue)
                _ = cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: notes.count))
            }
        }
    }
}
