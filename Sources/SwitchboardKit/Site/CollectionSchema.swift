/// How entries of a collection are ordered on its index page (and in prev/next links).
public enum SortOrder: Sendable, Hashable {
    case title
    case weight
    case updated
    /// Any declared field.
    case field(String)

    public var key: String {
        switch self {
        case .title: return "title"
        case .weight: return "weight"
        case .updated: return "updated"
        case .field(let name): return name
        }
    }
}

/// A collection declared in hub.yml: a folder of entries sharing a schema and a layout.
public struct CollectionSchema: Sendable {
    /// The key in hub.yml; also the id of its index page and the first segment of its URLs.
    public var name: String
    /// The folder under content/ (default: the name).
    public var folder: String
    public var title: String
    public var description: String
    /// The template for its entries (default `entry`).
    public var layout: String
    /// The template for its index page (default `list`).
    public var listLayout: String
    public var sort: SortOrder
    public var descending: Bool
    public var fields: [FieldSchema]
    public var location: SourceLocation
    /// Where `layout:` is written, for "no such template" diagnostics.
    public var layoutLocation: SourceLocation

    public func field(named name: String) -> FieldSchema? {
        fields.first { $0.name == name }
    }
}
