import SwitchboardKit

/// How `switchboard new` writes one schema field into fresh front matter: a placeholder that
/// shows the expected form, and a comment naming the type and the allowed values.
///
/// A required field's placeholder is chosen to fail `check` until it is replaced: empty (so
/// "required field 'unit' is empty") where any text would pass, and a visibly wrong value
/// where the type has a form to show (`<legacy | next-generation>`, `YYYY-MM-DD`, `<number>`),
/// so the error names the allowed values or the format.
struct FieldPlaceholder {
    /// The value after `key:` for a required field; empty means YAML null.
    var required: String
    /// The value shown on the commented-out line of an optional field.
    var example: String
    /// The comment: type and allowed values.
    var description: String

    /// - Parameter exampleID: an existing entry of the ref target collection, to show the form.
    init(_ field: FieldSchema, exampleID: String?) {
        switch field.type {
        case .string:
            self.init(required: "", example: "<text>", description: "text")
        case .text:
            self.init(required: "", example: "<text>", description: "text; for several lines write >- and indent them below")
        case .number, .integer, .bool, .date, .enum:
            let (value, description) = Self.scalar(field.type, values: field.values)
            self.init(required: value, example: value, description: description)
        case .list:
            if field.itemType == .string || field.itemType == .text {
                self.init(required: "", example: "[<text>, <text>]", description: "a list of text, like [one, two]")
            } else {
                let (value, description) = Self.scalar(field.itemType, values: field.values)
                self.init(required: "[\(value)]", example: "[\(value)]", description: "a list, each item \(description)")
            }
        case .ref:
            let target = field.collection.map { "a \($0) entry" } ?? "an entry"
            self.init(required: "", example: "<\(exampleID ?? "collection/entry-id")>",
                      description: "the id of \(target)" + (exampleID.map { ", like \($0)" } ?? ""))
        case .refs:
            let target = field.collection.map { "\($0) entries" } ?? "entries"
            self.init(required: "", example: "[<\(exampleID ?? "collection/entry-id")>]",
                      description: "a list of ids of \(target)" + (exampleID.map { ", like [\($0)]" } ?? ""))
        case .scores:
            self.init(required: "", example: "{dimension-id: {score: 3, evidence: \"…\"}}",
                      description: "a score per rubric dimension: {dimension-id: {score, evidence}}")
        }
    }

    init(required: String, example: String, description: String) {
        self.required = required
        self.example = example
        self.description = description
    }

    private static func scalar(_ type: FieldType, values: [String]) -> (value: String, description: String) {
        switch type {
        case .number: return ("<number>", "a number, like 0.85")
        case .integer: return ("<whole number>", "a whole number, like 12")
        case .bool: return ("<true | false>", "true or false")
        case .date: return ("YYYY-MM-DD", "a date written YYYY-MM-DD")
        case .enum:
            let all = values.joined(separator: " | ")
            return (all.count <= 60 ? "<\(all)>" : "<one of the values listed>", "one of: " + values.joined(separator: ", "))
        default: return ("<text>", "text")
        }
    }
}
