/// The site's address. `base_url` may carry a sub-path (`https://example.org/cx-hub/`);
/// every internal URL we write starts with that path, so the hub works under it.
public struct BaseURL: Sendable, Hashable {
    /// Scheme and host, without a trailing slash: `https://example.org`.
    public var origin: String
    /// The sub-path, always starting and ending with `/`: `/cx-hub/`.
    public var path: String

    public init?(_ text: String) {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let afterScheme = text.index(text.startIndex, offsetBy: lower.hasPrefix("https://") ? 8 : 7)
        let rest = text[afterScheme...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let host = rest[..<slash]
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "?" || $0 == "#" || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        origin = String(text[..<slash])
        var p = String(rest[slash...])
        if let cut = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = String(p[..<cut]) }
        if p.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "'" }) { return nil }
        let segments = p.split(separator: "/")
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return nil }
        path = "/" + segments.joined(separator: "/") + (segments.isEmpty ? "" : "/")
    }

    /// Root-relative URL of a site path (`kpis/aht/` → `/cx-hub/kpis/aht/`).
    public func url(_ sitePath: String) -> String { path + sitePath }

    /// Absolute URL of a site path, for canonical links, the sitemap and feeds.
    public func absolute(_ sitePath: String) -> String { origin + path + sitePath }
}

/// An entry in a menu: a title and either a page id (checked like any link) or an external URL.
public struct MenuItem: Sendable {
    public var title: String
    public var link: String
    public var location: SourceLocation
}

/// Settings of the link graph and hub-health checks.
public struct GraphOptions: Sendable {
    /// Pages further than this many clicks from home get a warning.
    public var maxDepth: Int = 3
    /// Warn about entries that nothing links to.
    public var warnOrphans: Bool = true
    /// How many related entries each page lists.
    public var relatedCount: Int = 5
}

/// An assessment: a rubric, the collection of archetypes scored against it, and vendor data.
public struct AssessmentConfig: Sendable {
    public var id: String
    public var title: String
    /// Path of the rubric file, relative to content/.
    public var rubric: String
    /// The URL folder of its generated pages (default: the id).
    public var path: String
    /// The collection whose entries are the archetypes.
    public var archetypes: String?
    /// Data files (CSV, YAML, JSON) listing vendors, relative to content/.
    public var vendors: [String]
    public var location: SourceLocation
}

/// Everything in content/hub.yml.
public struct HubConfig: Sendable {
    public var title: String
    public var description: String
    public var baseURL: BaseURL
    public var language: String
    public var markdown: MarkdownOptions
    /// Menus by name, in the order declared (`main`, `footer`, …).
    public var menus: [(name: String, items: [MenuItem])]
    public var collections: [CollectionSchema]
    public var graph: GraphOptions
    public var assessments: [AssessmentConfig]
    /// Template for top-level pages (default `page`).
    public var pageLayout: String

    // By position: `first(where:)` would copy every schema it passes over, and pages ask
    // for their collection's by the thousand.
    public func collection(named name: String) -> CollectionSchema? {
        collectionIndex(named: name).map { collections[$0] }
    }

    /// Where a collection is in `collections`: a field read there is not a copy of the schema.
    public func collectionIndex(named name: String) -> Int? {
        collections.indices.first { collections[$0].name == name }
    }

    public func collection(inFolder folder: String) -> CollectionSchema? {
        collections.indices.first { collections[$0].folder == folder }.map { collections[$0] }
    }
}
