/// What kind of page a URL serves; decides its default template and its place in navigation.
public enum PageKind: String, Sendable, Hashable {
    case home
    case entry
    case page
    case collectionIndex = "collection"
    case tagIndex = "tags"
    case tag
    case map
    /// The search page: the index is built at build time, the results drawn by search.js.
    case search
    case notFound = "404"
    /// A page the assessment stage generates (comparisons, scorecards, self-assessment).
    case assessment
    case alias
}

/// Every page the site will have, known before any link is resolved, so links to generated
/// pages (tags, collection indexes, comparisons) are checked like links to entries.
///
/// A class, not a struct: a page never changes once it is indexed, and links, menus and
/// lists look pages up tens of times per page; a lookup then shares one object instead of
/// copying five strings and a set (3.6 % of a large build's CPU samples, 1.5 % as a class).
public final class Page: Sendable {
    /// The id used in wikilinks and menus: `kpis/aht`, `kpis`, `tags/ai`, `compare`, `index`.
    public let id: String
    public let title: String
    public let kind: PageKind
    /// Path under the site root; `kpis/aht/` is written to `kpis/aht/index.html`.
    public let sitePath: String
    public let collection: String?
    public let summary: String?
    /// Ids of the headings (and other anchors) on the page, for `#anchor` checks.
    public let anchors: Set<String>
    /// The entry behind the page, if any (index into `Site.entries`).
    public let entryIndex: Int?

    public init(id: String, title: String, kind: PageKind, sitePath: String, collection: String? = nil,
                summary: String? = nil, anchors: Set<String> = [], entryIndex: Int? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.sitePath = sitePath
        self.collection = collection
        self.summary = summary
        self.anchors = anchors
        self.entryIndex = entryIndex
    }

    /// The file the page is written to, relative to the output folder.
    public var outputFile: String {
        if sitePath.isEmpty { return "index.html" }
        if sitePath.hasSuffix("/") { return sitePath + "index.html" }
        return sitePath
    }
}
