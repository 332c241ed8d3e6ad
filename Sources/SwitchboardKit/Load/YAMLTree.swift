import Yams

/// A YAML value with the line and column it came from. Everything we read from YAML
/// (hub.yml, front matter, data files) goes through this tree, so that every diagnostic can
/// point at the exact node; it is also `Sendable`, unlike the parser's own nodes.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        /// A scalar; `plain` is false for quoted and block scalars, which are always strings.
        case scalar(String, plain: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var kind: Kind
    /// 1-based line and column in the file the YAML came from.
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    public var scalar: String? {
        if case .scalar(let s, _) = kind { return s }
        return nil
    }

    /// A plain scalar that YAML would read as null (`~`, `null`, nothing).
    public var isNull: Bool {
        if case .scalar(let s, let plain) = kind { return plain && (s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL") }
        return false
    }

    public var pairs: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let p) = kind { return p }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar == key }?.value
    }

    /// What to call this node in a "found …" message.
    public var kindName: String {
        switch kind {
        case .scalar(let s, let plain):
            if isNull { return "nothing (null)" }
            if plain, Int(s) != nil { return "the number \(s)" }
            if plain, ["true", "false"].contains(s.lowercased()) { return "the boolean \(s)" }
            return "the text '\(s.count > 40 ? String(s.prefix(40)) + "…" : s)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// Parses YAML text into a `YAMLNode` tree, or a diagnostic at the place libyaml stopped.
public enum YAMLReader {
    /// Beyond this many nodes (after alias expansion) a document is refused: a handful of
    /// nested aliases can otherwise expand into billions of nodes.
    static let maxNodes = 200_000

    /// - Parameters:
    ///   - text: the YAML source.
    ///   - file: path for diagnostics; `lineOffset` is added to every line (front matter
    ///     starts below the opening `---`).
    public static func read(_ text: String, file: String, lineOffset: Int = 0,
                            syntaxCode: DiagnosticCode = .frontMatterSyntax) -> Result<YAMLNode?, Diagnostic> {
        // Most front matter is a few `key: value` lines, which `PlainYAML` reads exactly as
        // Yams would, for a fraction of the cost; everything else goes to Yams.
        if let mapping = PlainYAML.read(text, lineOffset: lineOffset, maxNodes: maxNodes) { return .success(mapping) }
        return readWithYams(text, file: file, lineOffset: lineOffset, syntaxCode: syntaxCode)
    }

    /// `read` without the shortcut: the reference the shortcut is tested against.
    static func readWithYams(_ text: String, file: String, lineOffset: Int = 0,
                             syntaxCode: DiagnosticCode = .frontMatterSyntax) -> Result<YAMLNode?, Diagnostic> {
        let root: Node?
        do {
            // The basic resolver: we type scalars ourselves from the schema, and Yams's default
            // resolver runs several regular expressions on every plain scalar. The encoding is
            // given because its default is read from the environment on every call.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset, code: syntaxCode))
        } catch {
            return .failure(.error(syntaxCode, "cannot read YAML: \(error)", at: SourceLocation(file: file, line: lineOffset + 1, column: 1)))
        }
        guard let root else { return .success(nil) }
        var budget = maxNodes
        guard let tree = convert(root, lineOffset: lineOffset, budget: &budget) else {
            return .failure(.error(syntaxCode, "YAML expands to more than \(maxNodes) nodes (aliases nested too deeply)",
                                   at: SourceLocation(file: file, line: lineOffset + 1, column: 1),
                                   hint: "write the values out instead of using nested aliases"))
        }
        return .success(tree)
    }

    static func convert(_ node: Node, lineOffset: Int, budget: inout Int) -> YAMLNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let line = (node.mark?.line ?? 1) + lineOffset
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any), line: line, column: column)
        case .mapping(let mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let k = convert(key, lineOffset: lineOffset, budget: &budget),
                      let v = convert(value, lineOffset: lineOffset, budget: &budget) else { return nil }
                pairs.append((k, v))
            }
            return YAMLNode(.mapping(pairs), line: line, column: column)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                guard let v = convert(item, lineOffset: lineOffset, budget: &budget) else { return nil }
                items.append(v)
            }
            return YAMLNode(.sequence(items), line: line, column: column)
        case .alias:
            // Yams dereferences aliases while composing; an alias node left over is a bare reference.
            return YAMLNode(.scalar("", plain: true), line: line, column: column)
        }
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int, code: DiagnosticCode) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }
        let hint = "YAML needs `key: value` pairs with consistent indentation (spaces, not tabs); quote values that contain `: ` or start with a special character"
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return .error(code, message, at: at(mark), hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; point at the repeat, which is usually the mistake.
            if duplicates.count == 1, let line = repeatedKeyLine(duplicates[0], in: context.text, after: context.mark) {
                return .error(.duplicateKey, "the key '\(duplicates[0])' appears more than once",
                              at: SourceLocation(file: file, line: line + lineOffset, column: context.mark.column),
                              hint: "keep one of them (the first is on line \(context.mark.line + lineOffset)); YAML mappings cannot repeat a key")
            }
            return .error(.duplicateKey, "the key '\(duplicates.joined(separator: "', '"))' appears more than once",
                          at: at(context.mark), hint: "keep one of them; YAML mappings cannot repeat a key")
        case .reader(let problem, let offset, _, let yaml):
            var line = 1, column = 1
            if let offset {
                for (i, ch) in yaml.unicodeScalars.enumerated() {
                    if i >= offset { break }
                    if ch == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return .error(code, "invalid YAML: \(problem)", at: SourceLocation(file: file, line: line + lineOffset, column: column), hint: hint)
        default:
            return .error(code, "invalid YAML: \(error)", at: SourceLocation(file: file, line: lineOffset + 1, column: 1), hint: hint)
        }
    }

    /// The 1-based line, after `first`, where a block-mapping key `key` appears again at the
    /// same column (`key:`), or nil (quoted or flow keys: the first place is reported).
    static func repeatedKeyLine(_ key: String, in yaml: String, after first: Mark) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.column >= 1, first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let scalars = lines[index].unicodeScalars
            guard scalars.count >= first.column - 1 + key.unicodeScalars.count,
                  scalars.prefix(first.column - 1).allSatisfy({ $0 == " " }) else { continue }
            let rest = Substring(scalars.dropFirst(first.column - 1))
            guard rest.hasPrefix(key) else { continue }
            if rest.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" { return index + 1 }
        }
        return nil
    }
}
