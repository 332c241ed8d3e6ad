/// Everything known about the hub after loading, indexing and linking: the input to
/// rendering, kept whole between rebuilds by `serve`.
public struct Site: Sendable {
    public struct Tag: Sendable {
        public var slug: String
        public var name: String
        /// Indexes into `entries`, in title order.
        public var entries: [Int]
    }

    public var config: HubConfig
    /// Built entries (drafts only with `--drafts`), ordered by id.
    public var entries: [Entry]
    public var index: SiteIndex
    /// Collection name → indexes into `entries`, in the collection's sort order.
    public var collections: [String: [Int]]
    /// Collection name → the `_index.md` intro, if any (index into `entries`).
    public var sectionIntros: [String: Int]
    public var tags: [Tag]
    public var graph: LinkGraph
    public var assessments: [Assessment]
    /// Site path → bytes of every static file to copy (theme assets, content files).
    public var staticFiles: [(sitePath: String, sourcePath: String)]
    /// Asset file name (`style.css`) → fingerprinted site path (`assets/style.3f9a0c1b2d.css`).
    public var assetPaths: [String: String]
    /// Generated assessment pages by id: their template and view model.
    public var assessmentPages: [String: GeneratedPage] = [:]
    /// Alias page id → the id of the page it redirects to.
    public var aliasTargets: [String: String] = [:]

    public func entry(_ id: String) -> Entry? {
        guard let i = index[id]?.entryIndex else { return nil }
        return entries[i]
    }
}

/// A page generated from data rather than written (comparisons, scorecards): the template
/// to render it with and its view model, built by its stage.
public struct GeneratedPage: @unchecked Sendable {
    // The context holds only strings, numbers, arrays and dictionaries, built once.
    public var template: String
    public var context: [String: Any]
    /// Pages it links to, for the click-depth check.
    public var links: [String]

    public init(template: String, context: [String: Any], links: [String]) {
        self.template = template
        self.context = context
        self.links = links
    }
}
