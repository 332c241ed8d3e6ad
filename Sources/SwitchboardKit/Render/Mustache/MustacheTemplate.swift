/// A Mustache template, parsed once into a tree (Switchboard's own implementation of the
/// Mustache spec: variables, sections, inverted sections, comments, partials with standalone
/// indentation, set delimiters, and template inheritance with parents and blocks; lambdas are
/// not supported because view models hold only data).
struct MustacheTemplate: Sendable {
    enum Node: Sendable {
        case text([UInt8])
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw). An empty path is `{{.}}`.
        case variable(path: [String], escaped: Bool)
        case section(path: [String], inverted: Bool, children: [Node])
        /// `{{> name}}`, with the indentation of a standalone tag.
        case partial(name: String, indentation: String)
        /// `{{< name}}…{{/name}}`: the named template with its blocks overridden.
        case parent(name: String, indentation: String, overrides: [String: [Node]])
        /// `{{$ name}}default{{/name}}`.
        case block(name: String, children: [Node])
    }

    var nodes: [Node]

    /// A parse error, at a 1-based line and column of the template.
    struct ParseError: Error, Sendable {
        var message: String
        var line: Int
        var column: Int
    }

    /// Names referenced by the template (variables and sections), every segment.
    var mentionedKeys: Set<String> {
        var keys = Set<String>()
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .variable(let path, _): keys.formUnion(path)
                case .section(let path, _, let children): keys.formUnion(path); visit(children)
                case .parent(_, _, let overrides): overrides.values.forEach(visit)
                case .block(_, let children): visit(children)
                case .text, .partial: break
                }
            }
        }
        visit(nodes)
        return keys
    }
}
