/// A validated front-matter value, typed by its schema.
public enum FieldValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case date(CalendarDate)
    case list([FieldValue])
    /// An entry id as written, with where it was written (checked in the link stage).
    case ref(Located<String>)
    case refs([Located<String>])
    case scores([Score])

    /// How the value reads on a page (refs are shown as links by the renderer instead).
    public var displayText: String {
        switch self {
        case .string(let s): return s
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "Yes" : "No"
        case .date(let d): return d.longForm
        case .list(let items): return items.map(\.displayText).joined(separator: ", ")
        case .ref(let r): return r.value
        case .refs(let rs): return rs.map(\.value).joined(separator: ", ")
        case .scores(let s): return s.map { "\($0.dimension.value): \($0.score)" }.joined(separator: ", ")
        }
    }
}

/// A value together with the place it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// One dimension's score in a `scores` field or a vendor file.
public struct Score: Sendable, Hashable {
    public var dimension: Located<String>
    public var score: Double
    public var evidence: String?
    public var location: SourceLocation
}
