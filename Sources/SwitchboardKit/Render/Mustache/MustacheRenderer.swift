/// Renders parsed templates into UTF-8 bytes. Names are looked up from the innermost
/// context outwards (the first segment of a dotted name; the rest within what it found, as
/// the spec says); `{{x}}` escapes `& < > " '`.
struct MustacheRenderer {
    let templates: [String: MustacheTemplate]
    /// Partials deeper than this are not rendered: a guard behind the static check for
    /// templates that include themselves.
    static let maxDepth = 64

    func render(_ name: String, context: TemplateValue) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        var stack = [context]
        render(template.nodes, stack: &stack, overrides: [:], depth: 0, into: &out)
        return out
    }

    private func render(_ nodes: [MustacheTemplate.Node], stack: inout [TemplateValue],
                        overrides: [String: [MustacheTemplate.Node]], depth: Int, into out: inout [UInt8]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                guard let value = lookup(path, in: stack) else { continue }
                append(value, escaped: escaped, into: &out)
            case .section(let path, let inverted, let children):
                let value = lookup(path, in: stack)
                if inverted {
                    if !(value?.isTruthy ?? false) { render(children, stack: &stack, overrides: overrides, depth: depth, into: &out) }
                    continue
                }
                guard let value, value.isTruthy else { continue }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, stack: &stack, overrides: overrides, depth: depth, into: &out)
                        stack.removeLast()
                    }
                case .bool:
                    render(children, stack: &stack, overrides: overrides, depth: depth, into: &out)
                default:
                    stack.append(value)
                    render(children, stack: &stack, overrides: overrides, depth: depth, into: &out)
                    stack.removeLast()
                }
            case .partial(let name, let indentation):
                guard depth < Self.maxDepth, let template = templates[name] else { continue }
                renderIndented(indentation, into: &out) { out in
                    render(template.nodes, stack: &stack, overrides: overrides, depth: depth + 1, into: &out)
                }
            case .parent(let name, let indentation, let own):
                guard depth < Self.maxDepth, let template = templates[name] else { continue }
                // Outer overrides win over the ones given here.
                let merged = own.merging(overrides) { _, outer in outer }
                renderIndented(indentation, into: &out) { out in
                    render(template.nodes, stack: &stack, overrides: merged, depth: depth + 1, into: &out)
                }
            case .block(let name, let children):
                render(overrides[name] ?? children, stack: &stack, overrides: overrides, depth: depth, into: &out)
            }
        }
    }

    /// A standalone partial's indentation goes before every line it renders.
    private func renderIndented(_ indentation: String, into out: inout [UInt8], _ body: (inout [UInt8]) -> Void) {
        guard !indentation.isEmpty else { body(&out); return }
        var inner: [UInt8] = []
        body(&inner)
        let indent = Array(indentation.utf8)
        var atLineStart = true
        for byte in inner {
            if atLineStart { out.append(contentsOf: indent); atLineStart = false }
            out.append(byte)
            if byte == UInt8(ascii: "\n") { atLineStart = true }
        }
    }

    private func lookup(_ path: [String], in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        // By position, innermost first: a loop over `stack.reversed()` copied every context it
        // passed (a reference count bumped and dropped), for every tag of every page.
        var found: TemplateValue?
        var i = stack.count - 1
        while i >= 0 {
            if let v = stack[i][first] { found = v; break }
            i -= 1
        }
        var k = 1
        while k < path.count {
            guard let current = found else { return nil }
            found = current[path[k]]
            k += 1
        }
        return found
    }

    private func append(_ value: TemplateValue, escaped: Bool, into out: inout [UInt8]) {
        switch value {
        case .string(let s):
            if escaped { HTMLEscaping.escape(s, into: &out) } else { out.append(contentsOf: s.utf8) }
        case .number(let n): out.append(contentsOf: n.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .list, .object: break
        }
    }
}
