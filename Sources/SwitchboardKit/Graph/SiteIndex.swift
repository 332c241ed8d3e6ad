/// The global index: every page by id, by source file, by slug and by URL path. Built once,
/// after all entries are loaded and generated pages are known; read-only afterwards.
public struct SiteIndex: Sendable {
    public private(set) var pages: [String: Page] = [:]
    /// Page ids in a stable order (the order pages were added).
    public private(set) var order: [String] = []
    /// `content/kpis/aht.md` → `kpis/aht`.
    public private(set) var idBySource: [String: String] = [:]
    /// Last id segment → entry ids, for short wikilinks.
    public private(set) var idsBySlug: [String: [String]] = [:]
    /// Site path → page id, for root-relative links and output collisions.
    public private(set) var idByPath: [String: String] = [:]
    /// Ids of drafts that are not built, so a link to one gets its own diagnostic.
    public private(set) var draftIDs: Set<String> = []
    /// Static files copied to the output (content files that are not Markdown, theme assets),
    /// by site path.
    public var staticFiles: Set<String> = []
    /// Source path (under content/) → site path, for links written as relative file paths.
    public var staticBySource: [String: String] = [:]

    public init() {}

    /// Adds a page; returns the id of an existing page that already has its id or path.
    @discardableResult
    public mutating func add(_ page: Page, source: String? = nil) -> String? {
        if pages[page.id] != nil { return page.id }
        if let existing = idByPath[page.sitePath] { return existing }
        pages[page.id] = page
        order.append(page.id)
        idByPath[page.sitePath] = page.id
        if let source { idBySource[source] = page.id }
        if page.kind == .entry {
            let slug = page.id.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(page.id[page.id.utf8.index(after: $0)...]) } ?? page.id
            if !slug.isEmpty { idsBySlug[slug, default: []].append(page.id) }
        }
        return nil
    }

    /// Room for `count` more pages, so that a large hub's tables are not grown and rehashed
    /// again and again while it is indexed.
    mutating func reserveCapacity(_ count: Int) {
        pages.reserveCapacity(pages.count + count)
        order.reserveCapacity(order.count + count)
        idByPath.reserveCapacity(idByPath.count + count)
        idBySource.reserveCapacity(idBySource.count + count)
        idsBySlug.reserveCapacity(idsBySlug.count + count)
    }

    public mutating func addDraft(id: String, source: String) {
        draftIDs.insert(id)
        idBySource[source] = id
    }

    public subscript(id: String) -> Page? { pages[id] }

    /// All page ids, for "did you mean" hints.
    public var allIDs: [String] { order }
}
