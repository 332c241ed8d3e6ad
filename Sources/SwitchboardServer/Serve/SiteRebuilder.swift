import SwitchboardKit

/// Builds the hub for `serve`, in memory, and keeps what the next rebuild can reuse.
///
/// `rebuild(changed:)` is the one call the dev server makes on every change. It runs the
/// kit's pipeline with `write: false` and the previous build's `BuildCache`, so unchanged
/// source files are not parsed again and pages whose inputs did not change are not rendered
/// again: an entry edit re-renders that page and the pages whose backlinks, indexes or tags
/// it changes; a template edit, the pages using it. The result is the whole site, the same as
/// a clean build (the tests compare them). `changed` names what changed, should the kit ever
/// want it; the cache already finds out by hashing.
///
/// When an edit reaches only an entry's own page (`BodyEditRebuild`), the rebuild returns as
/// soon as that page is rendered, still with the previous search index; `finishSearch()`
/// then makes the new one, so the author sees the page without waiting for the index.
public struct SiteRebuilder: Sendable {
    public enum Outcome: Sendable {
        /// The hub built: every output file, in memory; how many pages it has and how many
        /// were rendered (the rest were reused); the build's warnings.
        case built(SiteSnapshot, pages: Int, rendered: Int, warnings: [Diagnostic])
        /// Content errors: the diagnostics; keep serving the last good build.
        case failed([Diagnostic])
        /// The hub cannot be built at all (no hub.yml): only fatal before the first build.
        case unbuildable([Diagnostic])
    }

    public private(set) var options: BuildOptions
    /// The linked site of the last build that got that far.
    public private(set) var site: Site?
    /// What the last successful build leaves for the next one: loaded entries and rendered
    /// files, by the hash of what produced them.
    public private(set) var cache: BuildCache?
    /// The search index the last rebuild left to `finishSearch()`, and that rebuild's report.
    private var pendingSearch: (update: SearchUpdate, report: BuildReport)?

    /// - Parameter baseURL: the server's own address, so that every link stays local.
    public init(root: String, baseURL: String, drafts: Bool) {
        var options = BuildOptions()
        options.root = root
        options.baseURL = baseURL
        options.drafts = drafts
        options.write = false
        options.deferSearch = true
        self.options = options
    }

    /// - Parameter changed: paths relative to the hub root that changed since the last call
    ///   (empty for the first build).
    public mutating func rebuild(changed: Set<String>) async -> Outcome {
        _ = await finishSearch()  // the cache must hold a complete build before the next one
        options.cache = cache
        let report = await Builder.build(options)
        options.cache = nil
        if let update = report.searchUpdate { pendingSearch = (update, report) }
        if let linked = report.site { site = linked }
        // A failed build leaves no cache; the last good one still describes the served files.
        if let next = report.cache { cache = next }
        if report.environmentError { return .unbuildable(report.diagnostics) }
        if report.diagnostics.hasErrors { return .failed(report.diagnostics) }
        switch SiteSnapshot.load(report.files) {
        case .success(let snapshot):
            return .built(snapshot, pages: report.pagesWritten, rendered: report.pagesRendered, warnings: report.diagnostics)
        case .failure(let problem): return .failed([problem.diagnostic])
        }
    }

    /// Makes the search index the last rebuild left for later and returns the site with it,
    /// or nil when there was none to make.
    public mutating func finishSearch() async -> SiteSnapshot? {
        guard let (update, report) = pendingSearch else { return nil }
        pendingSearch = nil
        let complete = await update.apply(to: report)
        cache = complete.cache
        return try? SiteSnapshot.load(complete.files).get()
    }
}
