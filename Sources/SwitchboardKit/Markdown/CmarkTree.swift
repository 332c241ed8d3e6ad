import Foundation
import CCmark

/// A parsed cmark document that we own and free. cmark nodes are not thread-safe or
/// `Sendable`: a tree lives and dies inside one task, and only Swift values leave it.
final class CmarkTree {
    let root: OpaquePointer

    init?(_ markdown: String, options: Int32) {
        let parsed = markdown.withCString { cmark_parse_document($0, strlen($0), options) }
        guard let parsed else { return nil }
        root = parsed
    }

    deinit { cmark_node_free(root) }

    /// Every node in document order (pre-order). Collected up front so callers can change
    /// the tree while walking the list.
    /// - Parameter keep: only the nodes it accepts are listed (an extension that looks at few
    ///   of the nodes of a type need not list them all).
    func nodes(of types: CmarkNodeTypes? = nil, under start: OpaquePointer? = nil,
               where keep: (OpaquePointer) -> Bool = { _ in true }) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        let top = start ?? root
        guard let iterator = cmark_iter_new(top) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if let types, !types.contains(cmark_node_get_type(node).rawValue) { continue }
            if keep(node) { result.append(node) }
        }
        return result
    }

    func renderHTML(options: Int32) -> [UInt8] {
        guard let html = cmark_render_html(root, options) else { return [] }
        defer { free(html) }
        let count = strlen(html)
        return html.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
}

/// A set of cmark node types as a bit mask: asked once per node of every walk, where a
/// `Set` would hash each time. cmark has fewer than 64 node types.
struct CmarkNodeTypes: ExpressibleByArrayLiteral {
    private var mask: UInt64 = 0

    init(arrayLiteral types: UInt32...) {
        for type in types where type < 64 { mask |= 1 << UInt64(type) }
    }

    func contains(_ type: UInt32) -> Bool { type < 64 && mask & (1 << UInt64(type)) != 0 }
}

/// Small, readable wrappers over the C API for the node operations the extensions need.
enum CmarkNode {
    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }
    static func `is`(_ node: OpaquePointer, _ type: cmark_node_type) -> Bool { cmark_node_get_type(node) == type }

    static func literal(_ node: OpaquePointer) -> String {
        guard let c = cmark_node_get_literal(node) else { return "" }
        return String(cString: c)
    }

    /// True when the node's literal contains `needle` (a C-level search, no Swift string made).
    static func literalContains(_ node: OpaquePointer, _ needle: String) -> Bool {
        guard let c = cmark_node_get_literal(node) else { return false }
        return strstr(c, needle) != nil
    }

    /// Appends the node's literal as UTF-8 bytes.
    static func appendLiteral(_ node: OpaquePointer, to bytes: inout [UInt8]) {
        guard let c = cmark_node_get_literal(node) else { return }
        let count = strlen(c)
        c.withMemoryRebound(to: UInt8.self, capacity: count) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
    }

    // Strings reach cmark through `withCString`: passed straight to a `const char *`
    // parameter, a String is first copied into an array of its own, which cost an allocation
    // for every node the extensions make or change; `withCString` lends the string's bytes
    // (a short string's from the stack).

    static func setLiteral(_ node: OpaquePointer, _ text: String) { _ = text.withCString { cmark_node_set_literal(node, $0) } }

    static func setURL(_ node: OpaquePointer, _ url: String) { _ = url.withCString { cmark_node_set_url(node, $0) } }

    static func url(_ node: OpaquePointer) -> String {
        guard let c = cmark_node_get_url(node) else { return "" }
        return String(cString: c)
    }

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    static func text(_ literal: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        setLiteral(node, literal)
        return node
    }

    /// A block (or inline) whose HTML we write ourselves around cmark-rendered children.
    static func custom(block: Bool, enter: String, exit: String) -> OpaquePointer {
        let node = custom(block: block)
        _ = enter.withCString { cmark_node_set_on_enter(node, $0) }
        // A new node's exit is already empty; cmark would allocate a byte to store "".
        if !exit.isEmpty { _ = exit.withCString { cmark_node_set_on_exit(node, $0) } }
        return node
    }

    /// A custom node without HTML yet.
    private static func custom(block: Bool) -> OpaquePointer {
        cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)!
    }

    /// Custom nodes whose HTML is written in pieces, as bytes, into one buffer reused from node
    /// to node and handed to cmark as a C string, without making a String of it first.
    struct HTMLBuffer {
        private var bytes: [UInt8] = []

        /// `CmarkNode.custom(block:enter:exit:)`, the HTML written by `enter` and `exit`.
        mutating func custom(block: Bool, enter: (inout [UInt8]) -> Void,
                             exit: ((inout [UInt8]) -> Void)? = nil) -> OpaquePointer {
            let node = CmarkNode.custom(block: block)
            set(cmark_node_set_on_enter, of: node, enter)
            if let exit { set(cmark_node_set_on_exit, of: node, exit) }
            return node
        }

        /// Writes the text with `write` and passes it to `setter` (`cmark_node_set_on_enter`, …).
        private mutating func set(_ setter: (OpaquePointer?, UnsafePointer<CChar>?) -> Int32, of node: OpaquePointer,
                                  _ write: (inout [UInt8]) -> Void) {
            bytes.removeAll(keepingCapacity: true)
            write(&bytes)
            bytes.append(0)
            _ = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { setter(node, $0.baseAddress) }
            }
        }
    }

    /// Moves every child of `from` to the end of `to`.
    static func moveChildren(from: OpaquePointer, to: OpaquePointer) {
        while let child = cmark_node_first_child(from) {
            _ = cmark_node_append_child(to, child)
        }
    }

    /// Puts `new` where `old` was and frees `old` (with whatever children it still has).
    static func replace(_ old: OpaquePointer, with new: OpaquePointer) {
        _ = cmark_node_insert_before(old, new)
        cmark_node_unlink(old)
        cmark_node_free(old)
    }

    static func remove(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    static func startLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) }
    static func startColumn(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_column(node)) }
    static func endLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_end_line(node)) }

    /// True for nodes inside which our text extensions must not look: code and raw HTML are
    /// literal, and link labels are already links.
    static func isInsideLiteralOrLink(_ node: OpaquePointer) -> Bool {
        var current = cmark_node_parent(node)
        while let n = current {
            let t = cmark_node_get_type(n)
            if t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE || t == CMARK_NODE_CODE_BLOCK { return true }
            current = cmark_node_parent(n)
        }
        return false
    }

    /// The plain text of an inline subtree: what a reader sees, without markup. Gathered in
    /// `scratch` (emptied first): a caller asking for the text of many nodes allocates one
    /// buffer for them all.
    static func plainText(_ node: OpaquePointer, scratch: inout [UInt8]) -> String {
        scratch.removeAll(keepingCapacity: true)
        appendPlainText(node, to: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// With cmark's iterator, not recursion: inlines nested thousands deep (`*a *a *a …`)
    /// must not exhaust a task's stack.
    private static func appendPlainText(_ node: OpaquePointer, to out: inout [UInt8]) {
        guard let iterator = cmark_iter_new(node) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let c = cmark_iter_get_node(iterator), c != node else { continue }
            let t = cmark_node_get_type(c)
            if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE {
                appendLiteral(c, to: &out)
            } else if t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK {
                out.append(UInt8(ascii: " "))
            } else if t == CMARK_NODE_CUSTOM_INLINE {
                cmark_iter_reset(iterator, c, CMARK_EVENT_EXIT)
            }
        }
    }
}
