import SwitchboardKit

/// Builds the hub for `serve`, in memory, and keeps the result between rebuilds.
///
/// `rebuild(changed:)` is the one call the dev server makes on every change. Today it runs the
/// whole pipeline with `write: false` (the bundled hub takes well under a second in release);
/// when the kit offers an incremental build (reusing parsed entries and rendered pages whose
/// inputs did not change), point this function at it: `changed` already names what changed,
/// and `site` is the previous linked Site, kept in memory for that purpose.
public struct SiteRebuilder: Sendable {
    public enum Outcome: Sendable {
        /// The hub built: every output file, in memory, and the build's warnings.
        case built(SiteSnapshot, pages: Int, warnings: [Diagnostic])
        /// Content errors: the diagnostics; keep serving the last good build.
        case failed([Diagnostic])
        /// The hub cannot be built at all (no hub.yml): only fatal before the first build.
        case unbuildable([Diagnostic])
    }

    public private(set) var options: BuildOptions
    /// The linked site of the last build that got that far, for an incremental rebuild.
    public private(set) var site: Site?

    /// - Parameter baseURL: the server's own address, so that every link stays local.
    public init(root: String, baseURL: String, drafts: Bool) {
        var options = BuildOptions()
        options.root = root
        options.baseURL = baseURL
        options.drafts = drafts
        options.write = false
        self.options = options
    }

    /// - Parameter changed: paths relative to the hub root that changed since the last call
    ///   (empty for the first build).
    public mutating func rebuild(changed: Set<String>) async -> Outcome {
        let report = await Builder.build(options)
        if let linked = report.site { site = linked }
        if report.environmentError { return .unbuildable(report.diagnostics) }
        if report.diagnostics.hasErrors { return .failed(report.diagnostics) }
        switch SiteSnapshot.load(report.files) {
        case .success(let snapshot): return .built(snapshot, pages: report.pagesWritten, warnings: report.diagnostics)
        case .failure(let problem): return .failed([problem.diagnostic])
        }
    }
}
