/// Reads a YAML mapping whose keys are fixed (hub.yml sections, rubric files): typed getters
/// that report wrong types at the value, and a check that reports unknown keys with a
/// "did you mean" hint.
struct MappingReader {
    let node: YAMLNode
    let file: String
    /// Where in the file this mapping sits, for messages ("in collections.kpis").
    let context: String
    let code: DiagnosticCode

    init?(_ node: YAMLNode, file: String, context: String, code: DiagnosticCode = .hubConfigInvalid,
          diagnostics: inout [Diagnostic]) {
        guard node.pairs != nil else {
            if !node.isNull {
                diagnostics.append(.error(code, "\(context) must be a mapping of keys to values, found \(node.kindName)",
                                          at: SourceLocation(file: file, line: node.line, column: node.column)))
            }
            return nil
        }
        self.node = node
        self.file = file
        self.context = context
        self.code = code
    }

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    var location: SourceLocation { location(of: node) }

    subscript(key: String) -> YAMLNode? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    func keyNode(_ key: String) -> YAMLNode? {
        node.pairs?.first { $0.key.scalar == key }?.key
    }

    func checkKeys(allowed: [String], diagnostics: inout [Diagnostic]) {
        for (key, _) in node.pairs ?? [] {
            guard let name = key.scalar else {
                diagnostics.append(.error(code, "keys in \(context) must be plain text", at: location(of: key)))
                continue
            }
            if !allowed.contains(name) {
                diagnostics.append(.error(code, "unknown key '\(name)' in \(context)", at: location(of: key),
                                          hint: Suggestions.didYouMean(name, in: allowed)
                                              ?? "allowed keys: \(allowed.joined(separator: ", "))"))
            }
        }
    }

    func string(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> String? {
        guard let value = self[key] else {
            if required {
                diagnostics.append(.error(code, "\(context) needs '\(key)'", at: location,
                                          hint: "add `\(key): …` to \(context)"))
            }
            return nil
        }
        guard let s = value.scalar else {
            diagnostics.append(.error(code, "'\(key)' in \(context) must be text, found \(value.kindName)", at: location(of: value)))
            return nil
        }
        return s
    }

    func bool(_ key: String, diagnostics: inout [Diagnostic]) -> Bool? {
        guard let value = self[key] else { return nil }
        switch value.scalar?.lowercased() {
        case "true": return true
        case "false": return false
        default:
            diagnostics.append(.error(code, "'\(key)' in \(context) must be true or false, found \(value.kindName)",
                                      at: location(of: value)))
            return nil
        }
    }

    func integer(_ key: String, diagnostics: inout [Diagnostic]) -> Int? {
        guard let value = self[key] else { return nil }
        guard let s = value.scalar, let i = Int(s) else {
            diagnostics.append(.error(code, "'\(key)' in \(context) must be a whole number, found \(value.kindName)",
                                      at: location(of: value)))
            return nil
        }
        return i
    }

    func number(_ key: String, diagnostics: inout [Diagnostic]) -> Double? {
        guard let value = self[key] else { return nil }
        guard let s = value.scalar, let d = Double(s), d.isFinite else {
            diagnostics.append(.error(code, "'\(key)' in \(context) must be a number, found \(value.kindName)",
                                      at: location(of: value)))
            return nil
        }
        return d
    }

    func stringList(_ key: String, diagnostics: inout [Diagnostic]) -> [Located<String>]? {
        guard let value = self[key] else { return nil }
        guard let items = value.items else {
            if let s = value.scalar { return [Located(s, at: location(of: value))] }
            diagnostics.append(.error(code, "'\(key)' in \(context) must be a list, found \(value.kindName)", at: location(of: value)))
            return nil
        }
        var result: [Located<String>] = []
        for item in items {
            guard let s = item.scalar else {
                diagnostics.append(.error(code, "items of '\(key)' in \(context) must be text, found \(item.kindName)",
                                          at: location(of: item)))
                continue
            }
            result.append(Located(s, at: location(of: item)))
        }
        return result
    }
}
