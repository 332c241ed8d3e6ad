/// The type of a collection field, as written in hub.yml (`type: enum`).
public enum FieldType: String, Sendable, CaseIterable {
    case string, text, number, integer, bool, date
    case `enum`
    case list
    case ref, refs
    /// Per-dimension scores for a rubric: `{dimension: {score: 3, evidence: "…"}}`.
    case scores
}

/// One typed field of a collection.
public struct FieldSchema: Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool = false
    /// Used when the entry leaves the field out.
    public var defaultValue: YAMLNode?
    /// Shown next to the value on pages ("Replaces"); defaults to the name, humanised.
    public var label: String
    /// For ref and refs: the label of the relation seen from the other side ("Replaced by").
    public var inverseLabel: String?
    /// For enum: the allowed values, in order.
    public var values: [String] = []
    /// For list: the item type (string, number, integer, date, enum with `values`).
    public var itemType: FieldType = .string
    /// For ref and refs: the collection the target must belong to (nil: any entry).
    public var collection: String?
    /// For scores: the assessment whose rubric the scores follow.
    public var assessment: String?
    public var location: SourceLocation

    public init(name: String, type: FieldType, location: SourceLocation) {
        self.name = name
        self.type = type
        self.label = FieldSchema.humanise(name)
        self.location = location
    }

    static func humanise(_ name: String) -> String {
        let words = name.replacingUnderscoresAndDashes()
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

extension String {
    func replacingUnderscoresAndDashes() -> String {
        // In ASCII text every byte is a character (no combining marks), so bytes will do.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: utf8.map { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }
        return String(map { $0 == "_" || $0 == "-" ? " " : $0 })
    }
}
