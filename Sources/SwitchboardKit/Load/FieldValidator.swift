/// Checks one front-matter value against its field schema and turns it into a `FieldValue`,
/// or reports, at the value's own line and column, why it cannot.
struct FieldValidator {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    func at(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    mutating func validate(_ node: YAMLNode, as field: FieldSchema) -> FieldValue? {
        switch field.type {
        case .list:
            guard let items = node.items else {
                wrongType(node, field: field.name, expected: "a list of \(field.itemType.rawValue) values",
                          hint: node.scalar.map { "write it as a list: [\($0)]" })
                return nil
            }
            var values: [FieldValue] = []
            for item in items {
                if let v = scalarValue(item, type: field.itemType, field: field) { values.append(v) }
            }
            return .list(values)
        case .ref:
            guard let id = node.scalar, !node.isNull else {
                wrongType(node, field: field.name, expected: "an entry id like 'kpis/average-handle-time'")
                return nil
            }
            return .ref(Located(id, at: at(node)))
        case .refs:
            guard let items = node.items else {
                wrongType(node, field: field.name, expected: "a list of entry ids",
                          hint: node.scalar.map { "write it as a list: [\($0)]" })
                return nil
            }
            var refs: [Located<String>] = []
            for item in items {
                guard let id = item.scalar, !item.isNull else {
                    wrongType(item, field: field.name, expected: "an entry id")
                    continue
                }
                refs.append(Located(id, at: at(item)))
            }
            return .refs(refs)
        case .scores:
            return scores(node, field: field)
        default:
            return scalarValue(node, type: field.type, field: field)
        }
    }

    private mutating func scalarValue(_ node: YAMLNode, type: FieldType, field: FieldSchema) -> FieldValue? {
        guard case .scalar(let text, let plain) = node.kind, !node.isNull else {
            wrongType(node, field: field.name, expected: expectation(type))
            return nil
        }
        switch type {
        case .string, .text:
            return .string(text)
        case .number:
            guard plain, let d = Double(text), d.isFinite else {
                wrongType(node, field: field.name, expected: "a number", hint: plain ? nil : "remove the quotes")
                return nil
            }
            return .number(d)
        case .integer:
            guard plain, let i = Int(text) else {
                wrongType(node, field: field.name, expected: "a whole number", hint: plain ? nil : "remove the quotes")
                return nil
            }
            return .integer(i)
        case .bool:
            switch (plain, text.lowercased()) {
            case (true, "true"): return .bool(true)
            case (true, "false"): return .bool(false)
            default:
                wrongType(node, field: field.name, expected: "true or false")
                return nil
            }
        case .date:
            guard let date = CalendarDate(text) else {
                diagnostics.append(.error(.badDate, "'\(field.name)' must be a date written YYYY-MM-DD, found '\(text)'", at: at(node),
                                          hint: looksLikeDate(text) ? "that day does not exist" : "write it like 2026-11-27"))
                return nil
            }
            return .date(date)
        case .enum:
            guard field.values.contains(text) else {
                diagnostics.append(.error(.badEnumValue, "'\(text)' is not an allowed value of '\(field.name)'", at: at(node),
                                          hint: Suggestions.didYouMean(text, in: field.values).map { "\($0) (allowed: \(field.values.joined(separator: ", ")))" }
                                            ?? "allowed: \(field.values.joined(separator: ", "))"))
                return nil
            }
            return .string(text)
        case .list, .ref, .refs, .scores:
            return nil
        }
    }

    private func looksLikeDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    private func expectation(_ type: FieldType) -> String {
        switch type {
        case .string, .text: return "text"
        case .number: return "a number"
        case .integer: return "a whole number"
        case .bool: return "true or false"
        case .date: return "a date (YYYY-MM-DD)"
        case .enum: return "one of its values"
        case .list: return "a list"
        case .ref: return "an entry id"
        case .refs: return "a list of entry ids"
        case .scores: return "a mapping of dimension to score"
        }
    }

    private mutating func scores(_ node: YAMLNode, field: FieldSchema) -> FieldValue? {
        guard let pairs = node.pairs else {
            wrongType(node, field: field.name, expected: "a mapping from dimension id to {score, evidence}")
            return nil
        }
        var result: [Score] = []
        for (key, value) in pairs {
            guard let dimension = key.scalar else { continue }
            let dim = Located(dimension, at: at(key))
            var scoreNode = value
            var evidence: String?
            if let m = value.pairs {
                let allowed = ["score", "evidence"]
                for (k, _) in m where !allowed.contains(k.scalar ?? "") {
                    diagnostics.append(.error(.unknownKey, "unknown key '\(k.scalar ?? "")' in the score of '\(dimension)'", at: at(k),
                                              hint: Suggestions.didYouMean(k.scalar ?? "", in: allowed) ?? "a score has `score` and `evidence`"))
                }
                guard let s = value["score"] else {
                    diagnostics.append(.error(.missingRequired, "the score of '\(dimension)' has no 'score'", at: at(value),
                                              hint: "write `\(dimension): {score: 3, evidence: \"…\"}`"))
                    continue
                }
                scoreNode = s
                if let e = value["evidence"] {
                    guard let text = e.scalar, !e.isNull else {
                        wrongType(e, field: "evidence", expected: "text")
                        continue
                    }
                    evidence = text
                }
            }
            guard case .scalar(let text, true) = scoreNode.kind, let number = Double(text), number.isFinite else {
                diagnostics.append(.error(.scoreNotNumeric, "the score of '\(dimension)' must be a number, found \(scoreNode.kindName)",
                                          at: at(scoreNode)))
                continue
            }
            result.append(Score(dimension: dim, score: number, evidence: evidence, location: at(scoreNode)))
        }
        return .scores(result)
    }

    mutating func wrongType(_ node: YAMLNode, field: String, expected: String, hint: String? = nil) {
        diagnostics.append(.error(.wrongType, "'\(field)' must be \(expected), found \(node.kindName)", at: at(node), hint: hint))
    }
}
