import Foundation

/// What to build and how.
public struct BuildOptions: Sendable {
    /// The hub root, holding content/ and templates/.
    public var root: String = "."
    /// The output folder (default: `public` under the root).
    public var output: String?
    /// Overrides `base_url` from hub.yml.
    public var baseURL: String?
    /// Build entries marked `draft: true` too.
    public var drafts = false
    /// False for `check`: everything but writing.
    public var write = true
    /// Keep every output file in `BuildReport.files` (for `serve` and tests). Default: when
    /// not writing. A build that neither writes nor keeps (`check`) does not render at all.
    public var keepFiles: Bool?
    /// Called as stages start and as pages are rendered: (stage, done, total).
    public var progress: (@Sendable (String, Int, Int) -> Void)?
    /// What the previous build left (from `BuildCache.load` or kept by `serve`): unchanged
    /// files are not parsed again, unchanged pages not rendered or written again.
    public var cache: BuildCache?
    /// When only entries' text changed since the build in `cache` (kept in memory), return
    /// as soon as their pages are rendered and leave the search index to
    /// `BuildReport.searchUpdate` (`serve`: the author sees the page sooner).
    public var deferSearch = false
    /// Store the build cache in `.switchboard/` when the build succeeds (`build` without
    /// `--no-cache`). Its entries are written while the hub is indexed and linked.
    public var storesCache = false

    public init() {}

    public var outputPath: String { output ?? (root as NSString).appendingPathComponent("public") }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pagesWritten = 0
    public var filesWritten = 0
    /// Stage name and seconds, in order.
    public var stageTimes: [(stage: String, seconds: Double)] = []
    /// The hub could not be built at all (no hub.yml, unreadable folders): exit 2, not 1.
    public var environmentError = false
    public var orphans = 0
    public var tooDeep = 0
    /// The site as linked, for `serve` and tests (nil when loading failed).
    public var site: Site?
    /// Every output file by site path, when `BuildOptions.keepFiles` asked for them.
    public var files: [String: OutputFile] = [:]
    /// What this build leaves for the next one (nil when it failed).
    public var cache: BuildCache?
    /// Nothing changed since the cached build: `cache` is that build's, already stored.
    public var unchanged = false
    /// How many pages were rendered, the rest being unchanged since the cached build.
    public var pagesRendered = 0
    /// Set when `BuildOptions.deferSearch` left the previous search index in `files` and
    /// `cache`: applying it gives the complete build.
    public var searchUpdate: SearchUpdate?

    /// Takes in the hub-health check: its warnings, and how many orphans and pages too deep.
    mutating func add(_ health: (findings: HubHealth, diagnostics: [Diagnostic])?, to diagnostics: inout [Diagnostic]) {
        guard let health else { return }
        diagnostics += health.diagnostics
        orphans = health.findings.orphans.count
        tooDeep = health.findings.tooDeep.count
    }
}

/// The pipeline, stage after stage: scan → load → index → link → assess → render → publish.
/// Every stage adds to one list of diagnostics; nothing is written if any is an error.
public enum Builder {
    public static func build(_ options: consuming BuildOptions) async -> BuildReport {
        var report = BuildReport()
        var clock = StageClock()
        let root = options.root
        // The previous build's cache is owned here from now on, so that what it holds can be let
        // go as soon as it is of no more use: a large hub's entries are most of a build's memory.
        var previous = options.cache ?? BuildCache()
        options.cache = nil

        // Configuration
        options.progress?("config", 0, 1)
        let configPath = root + "/" + HubConfigLoader.path
        guard let configData = FileManager.default.contents(atPath: configPath) else {
            report.environmentError = true
            let exists = FileManager.default.fileExists(atPath: configPath)
            report.diagnostics = [.error(exists ? .unreadableFile : .missingHubConfig,
                                         exists ? "cannot read content/hub.yml" : "no content/hub.yml: '\(root)' is not a Switchboard hub",
                                         at: SourceLocation(file: HubConfigLoader.path),
                                         hint: exists ? "check the file's permissions" : "run the command in a hub's root, pass --source DIR, or create one with `switchboard init DIR`")]
            return report
        }
        var diagnostics: [Diagnostic] = []
        let configText: String
        switch SourceText.decode([UInt8](configData)) {
        case .success(let t): configText = t
        case .failure(let problem):
            report.diagnostics = [decodeDiagnostic(problem, file: HubConfigLoader.path)]
            return report
        }
        let kept = previous.parsed
        let (loadedConfig, configDiagnostics) = kept.flatMap { $0.configText == configText && $0.baseURLOverride == options.baseURL
                                                                ? ($0.config, $0.configDiagnostics) : nil }
            ?? HubConfigLoader.load(text: configText, baseURLOverride: options.baseURL)
        diagnostics += configDiagnostics
        guard let config = loadedConfig else {
            report.diagnostics = diagnostics.sorted()
            return report
        }
        clock.lap("config")
        if options.write, let problem = outputInsideSources(options.outputPath, root: root) {
            report.diagnostics = [problem]
            report.environmentError = true
            return report
        }

        // Scan and load
        options.progress?("scan", 0, 1)
        let scan = SourceScanner.scan(root: root)
        diagnostics += scan.diagnostics
        let (templates, templateDiagnostics) = loadTemplates(scan.templates, root: root, kept: kept)
        diagnostics += templateDiagnostics
        if scan.templates.isEmpty {
            diagnostics.append(.error(.missingTemplate, "the hub has no templates: templates/ is missing or holds no .mustache files",
                                      at: SourceLocation(file: "templates"),
                                      hint: "create a hub with `switchboard init DIR` to get the default theme, or copy its templates/ folder"))
        }
        clock.lap("scan")

        var configHash = ContentHash()
        configHash.update(BuildCache.toolIdentity)
        configHash.update(configText)
        configHash.update(options.baseURL ?? "")
        configHash.update(options.drafts ? "drafts" : "")
        let configKey = configHash.value
        if previous.configKey != configKey { previous.loads = [:] }  // another tool or configuration: nothing to reuse
        options.progress?("load", 0, scan.markdown.count)
        // (A build that keeps its files in memory must return them: it goes on, and renders.)
        let keep = options.keepFiles ?? !options.write
        let loading = await loadEntries(scan.markdown, root: root, config: config, previous: previous.loads,
                                        bodyTemplates: options.write || keep, progress: options.progress)
        var loadDiagnostics = loading.diagnostics, loads = loading.loads

        // Nothing changed since the cached build, and the output still holds it: done.
        let inputsKey = inputsKey(configKey: configKey, templates: templates, scan: scan, root: root)
        let fingerprint = sourceFingerprint(inputsKey: inputsKey, loads: loads)
        if fingerprint == previous.sourceFingerprint, !keep,
           !options.write || InPlaceOutput.open(options.outputPath, outputID: previous.outputID) != nil {
            report.diagnostics = previous.diagnostics
            report.pagesWritten = previous.pageCount
            report.filesWritten = previous.fileCount
            report.orphans = previous.orphans
            report.tooDeep = previous.tooDeep
            report.cache = previous
            report.unchanged = true
            clock.lap("unchanged")
            report.stageTimes = clock.laps
            return report
        }
        // Only entries' text changed since the build kept in memory: render just their pages.
        if !options.write, keep, previous.linked != nil {
            if var fast = await BodyEditRebuild.attempt(previous: previous, loads: loads, reloaded: loading.reloaded, inputsKey: inputsKey,
                                                          fingerprint: fingerprint, deferSearch: options.deferSearch) {
                clock.lap("load")
                fast.stageTimes = clock.laps + fast.stageTimes
                return fast
            }
        }
        // The entries, decoded now if they came from the stored cache. One that does not decode
        // means a cache we cannot trust: everything is loaded again from the files.
        var loaded: [Entry]
        if let entries = await takeEntries(scan.markdown, loads: &loads) {
            loaded = entries
        } else {
            (loadDiagnostics, loads, _) = await loadEntries(scan.markdown, root: root, config: config, previous: [:],
                                                            bodyTemplates: options.write || keep, progress: options.progress)
            loaded = await takeEntries(scan.markdown, loads: &loads) ?? []
        }
        diagnostics += loadDiagnostics
        clock.lap("load")
        previous.loads = [:]  // what is still current is in `loads`
        previous.linked = nil
        // The cache's entries are stored while the hub is assessed, indexed and linked (the
        // index stage leaves a core idle); the rest once the build has succeeded. A build that
        // ends before drops the file unfinished.
        let cacheFile = options.write && options.storesCache ? CacheFile(root: root) : nil
        async let entriesStored = cacheFile?.writeEntries(loads) ?? false

        // Assess (data files), then the index of every page, generated ones included.
        options.progress?("assess", 0, 1)
        var assessment = AssessStage.load(config: config, root: root, entries: loaded, dataFiles: scan.dataFiles, drafts: options.drafts)
        diagnostics += assessment.diagnostics
        clock.lap("assess-load")

        options.progress?("index", 0, 1)
        var indexed = IndexBuilder.build(loaded: &loaded, config: config, drafts: options.drafts,
                                         generated: assessment.pages, diagnostics: &diagnostics)
        var staticFiles: [(String, String)] = []
        for file in scan.contentFiles {
            guard OutputFile.isSafe(file) else {
                diagnostics.append(.error(.badSlug, "'content/\(file)' cannot be published under that name",
                                          at: SourceLocation(file: "content/" + file), hint: "rename it without leading dots or special characters"))
                continue
            }
            staticFiles.append((file, root + "/content/" + file))
            indexed.index.staticFiles.insert(file)
            indexed.index.staticBySource[file] = file
        }
        let assets = Assets.fingerprint(scan.assets, root: root)
        diagnostics += assets.diagnostics
        for path in assets.paths.values { indexed.index.staticFiles.insert(path) }
        // Files the build writes besides pages.
        let reserved = Self.generatedFiles.union(assets.paths.values)
        let aliases = AliasBuilder.build(entries: indexed.entries, index: &indexed.index, reserved: reserved,
                                         diagnostics: &diagnostics)
        // A file copied from content/ must not take the place of a page or of a file the build
        // generates, nor the name of a folder the build writes into, nor need one of the build's
        // files to be a folder: one of the two would be lost, or publishing would fail half-way.
        if !staticFiles.isEmpty {
            let pageFiles = indexed.index.order.compactMap { indexed.index[$0]?.outputFile }
            let plan = OutputPlan(files: reserved.union(pageFiles))
            staticFiles.removeAll { file, _ in
                guard let clash = plan.clash(file) else { return false }
                diagnostics.append(.error(.pathCollision, "'content/\(file)' \(clash)", at: SourceLocation(file: "content/" + file),
                                          hint: "rename or move it: Switchboard generates that file or folder"))
                return true
            }
        }
        diagnostics += unwritableAddresses(indexed)
        clock.lap("index")
        // The search index needs only the indexed pages: it is built while the stages below
        // run, and cancelled by any early return.
        let search = diagnostics.hasErrors || !(options.write || keep) ? nil
            : SearchIndex.start(config: config, indexed: indexed)
        defer { search?.cancel() }

        // Link
        options.progress?("link", 0, indexed.entries.count)
        var graph = LinkGraph.build(entries: indexed.entries, index: indexed.index, config: config, diagnostics: &diagnostics)
        if templates.uses("related") {
            var tagsByEntry: [String: [String]] = [:]
            var titles: [String: String] = [:]
            var entryIDs: [String] = []
            // By index: `for entry in` (or `filter`) would copy every entry whole.
            for i in indexed.entries.indices where indexed.entries[i].kind == .entry {
                tagsByEntry[indexed.entries[i].id] = indexed.entries[i].tags.map(Slug.make)
                titles[indexed.entries[i].id] = indexed.entries[i].title
                entryIDs.append(indexed.entries[i].id)
            }
            graph.related = RelatedEntries.compute(entryIDs: entryIDs, edges: graph.edges, tagsByEntry: tagsByEntry,
                                                   titles: titles, count: config.graph.relatedCount)
        }
        clock.lap("link")

        var site = Site(config: config, entries: indexed.entries, index: indexed.index, collections: indexed.collections,
                        sectionIntros: indexed.sectionIntros, tags: indexed.tags, graph: graph,
                        assessments: [], staticFiles: staticFiles, assetPaths: assets.paths)
        site.aliasTargets = aliases

        // Assess: scores, comparisons and their pages, checked against the linked site.
        assessment.finish(site: &site, diagnostics: &diagnostics)
        clock.lap("assess")

        // Hub health: only once the content is free of errors, so that a broken link does not
        // also show up as an orphan or a page too deep. It only warns and no page depends on
        // it, so it is worked out while the pages render; every way out below waits for it.
        let linked = site
        let checksHealth = !diagnostics.hasErrors
        async let health = checksHealth ? HubHealth.check(site: linked) : nil

        // Every page's template must exist before rendering starts.
        let renderer = SiteRenderer(site: site, templates: templates, root: root)
        diagnostics += checkLayouts(site: site, renderer: renderer, templates: templates)
        clock.lap("layouts")

        for i in site.entries.indices { diagnostics += site.entries[i].markdownWarnings }

        report.site = site
        guard !diagnostics.hasErrors, options.write || keep else {
            report.add(await health, to: &diagnostics)
            report.diagnostics = diagnostics.sorted()
            report.stageTimes = clock.laps
            return report
        }

        // Render and publish.
        var extra = assets.files
        for (sitePath, source) in site.staticFiles {
            if let file = OutputFile(path: sitePath, contents: .copy(from: source)) { extra.append(file) }
        }
        extra.append(OutputFile(path: "sitemap.xml", contents: .made { Array(Sitemap.xml(site: linked).utf8) })!)
        extra.append(OutputFile(path: "robots.txt", text: Sitemap.robots(site: site))!)
        extra += Exports.files(site: linked)
        clock.lap("exports")

        let destination: PublishStage.Destination
        if !options.write {
            destination = .memory
        } else if !previous.outputs.isEmpty, let inPlace = InPlaceOutput.open(options.outputPath, outputID: previous.outputID) {
            destination = .inPlace(inPlace)
        } else {
            switch OutputStaging.begin(output: options.outputPath) {
            case .failure(let d):
                report.add(await health, to: &diagnostics)
                report.diagnostics = (diagnostics + [d]).sorted()
                report.environmentError = true
                report.stageTimes = clock.laps
                return report
            case .success(let staging): destination = .staging(staging)
            }
        }
        // The search index, started after "index", is written once the pages are: they render
        // while it finishes.
        let published = await PublishStage.run(renderer: renderer, extra: extra, late: search, destination: destination,
                                               output: options.outputPath, previous: previous, progress: options.progress)
        clock.lap("render+write")
        report.add(await health, to: &diagnostics)
        report.diagnostics = diagnostics.sorted()
        clock.lap("health")  // what is left to wait for of the health check, started before rendering
        if !published.diagnostics.isEmpty {
            report.diagnostics = (diagnostics + published.diagnostics).sorted()
            report.environmentError = true
            report.stageTimes = clock.laps
            return report
        }
        report.pagesWritten = published.pages
        report.filesWritten = published.files
        report.pagesRendered = published.rendered
        if keep { report.files = published.kept }
        var cache = BuildCache()
        cache.configKey = configKey
        cache.loads = loads
        cache.sourceFingerprint = fingerprint
        cache.diagnostics = report.diagnostics
        cache.pageCount = published.pages
        cache.fileCount = published.files
        cache.orphans = report.orphans
        cache.tooDeep = report.tooDeep
        cache.outputs = published.outputs
        cache.outputID = BuildCache.outputID(of: published.outputs)
        if keep { cache.files = published.kept }
        if !options.write && keep {
            cache.linked = BodyEditRebuild.Linked(renderer: renderer, inputsKey: inputsKey)
            cache.parsed = ParsedInputs(configText: configText, baseURLOverride: options.baseURL, config: config,
                                        configDiagnostics: configDiagnostics, templates: templates,
                                        templateDiagnostics: templateDiagnostics)
        }
        report.cache = cache
        if let cacheFile, await entriesStored { cacheFile.finish(cache) }
        clock.lap("cache")
        report.stageTimes = clock.laps
        return report
    }

    // MARK: stages

    /// A hash of every input of a build but the bytes of its Markdown files: the configuration
    /// (and tool), the templates (their texts, through the set's fingerprint), which Markdown
    /// files there are, and the data, asset and content files.
    static func inputsKey(configKey: UInt64, templates: TemplateSet, scan: SourceScan, root: String) -> UInt64 {
        var h = ContentHash()
        h.update(configKey)
        h.update(templates.fingerprint)
        for path in scan.markdown { h.update(path) }
        let others = scan.dataFiles.map { "content/" + $0 } + scan.contentFiles.map { "content/" + $0 }
            + scan.assets.map { "templates/assets/" + $0 }
        for path in others {
            h.update(path)
            if let bytes = FileBytes.contents(of: root + "/" + path) { h.update(bytes) }
        }
        return h.value
    }

    /// A hash of everything a build reads: its other inputs and every content file's bytes
    /// (already hashed while loading).
    static func sourceFingerprint(inputsKey: UInt64, loads: [String: BuildCache.Load]) -> UInt64 {
        var h = ContentHash()
        h.update(inputsKey)
        h.update(ContentHash.unordered(loads) { pair, load in
            pair.update(load.key)
            pair.update(load.value.hash)
        })
        return h.value
    }

    /// Files every build writes at the top of the output besides pages, assets and the search
    /// index (`Sitemap`, `Exports`): a content file may not take their names.
    static let generatedFiles: Set<String> = ["sitemap.xml", "robots.txt", "graph.json", "llms.txt"]

    /// Pages whose address no file system can hold (a segment over 255 bytes, 1024 in all):
    /// they would not be written while links to them resolve. Named at the file they come from.
    static func unwritableAddresses(_ indexed: IndexBuilder.Result) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for id in indexed.index.order {
            guard let page = indexed.index[id], !OutputFile.isSafe(page.outputFile) else { continue }
            var place = SourceLocation(file: HubConfigLoader.path)  // generated pages: from hub.yml and its data
            if let i = page.entryIndex {
                place = SourceLocation(file: indexed.entries[i].source, line: 1, column: 1)
            } else if page.kind == .tag, let tag = indexed.tags.first(where: { "tags/" + $0.slug == id }), let first = tag.entries.first {
                let entry = indexed.entries[first]
                place = entry.fieldLocations["tags"] ?? SourceLocation(file: entry.source, line: 1, column: 1)
            }
            diagnostics.append(.error(.badSlug, "the address '/\(page.sitePath.prefix(60))…' is too long to be written as a file", at: place,
                                      hint: "shorten the name: at most 255 bytes for each folder or file name, 1024 in all"))
        }
        return diagnostics
    }

    /// An output folder inside content/ or templates/ would be read back as sources by the
    /// next build, and published inside itself, one level deeper every time.
    static func outputInsideSources(_ output: String, root: String) -> Diagnostic? {
        func real(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        let out = real(output)
        for folder in ["content", "templates"] {
            let sources = real(root + "/" + folder)
            guard out == sources || out.hasPrefix(sources + "/") else { continue }
            return .error(.outputFailed, "the output folder '\(output)' is inside \(folder)/, where the next build would read it back",
                          at: SourceLocation(file: output), hint: "write the site outside content/ and templates/, for example to public/")
        }
        return nil
    }

    static func decodeDiagnostic(_ problem: SourceText.Problem, file: String) -> Diagnostic {
        switch problem {
        case .binary:
            return .error(.notUTF8, "this is a binary file, not text", at: SourceLocation(file: file, line: 1, column: 1),
                          hint: "content files must be UTF-8 text; move binary files out of the way or give them another extension")
        case .invalidUTF8(let line, let column):
            return .error(.notUTF8, "this file is not valid UTF-8", at: SourceLocation(file: file, line: line, column: column),
                          hint: "save the file as UTF-8 in your editor")
        }
    }

    /// Reads and compiles the templates; the set `kept` compiled from the same texts is reused.
    static func loadTemplates(_ names: [String], root: String, kept: ParsedInputs? = nil) -> (TemplateSet, [Diagnostic]) {
        var sources: [String: (text: String, file: String)] = [:]
        var diagnostics: [Diagnostic] = []
        for path in names {
            let file = "templates/" + path
            guard let bytes = FileBytes.contents(of: root + "/" + file) else {
                diagnostics.append(.error(.unreadableFile, "cannot read template", at: SourceLocation(file: file)))
                continue
            }
            switch SourceText.decode(bytes) {
            case .success(let text): sources[String(path.dropLast(".mustache".count))] = (text, file)
            case .failure(let p): diagnostics.append(decodeDiagnostic(p, file: file))
            }
        }
        if diagnostics.isEmpty, let kept, kept.templates.fingerprint == TemplateSet.fingerprint(of: sources) {
            return (kept.templates, kept.templateDiagnostics)
        }
        let (set, templateDiagnostics) = TemplateSet.load(sources)
        return (set, diagnostics + templateDiagnostics)
    }

    /// Markdown up to this size in all keeps each body's HTML from loading to rendering
    /// (`BodyTemplate`): about a sixth more memory (10,000 entries: 214 → 251 MB) for a build
    /// that parses every body once. Larger hubs parse bodies again when rendering, so that
    /// their memory stays what it was (100,000 entries: under 2 GB).
    static let bodyTemplateLimit = 64 << 20

    /// Reads, splits, validates and analyses every Markdown file, in parallel; a file whose
    /// bytes hash as in `previous` is taken from there instead. The entries are taken from the
    /// loads afterwards (`takeEntries`), once the build knows it has work to do.
    /// - Parameter bodyTemplates: the build renders pages: keep bodies' HTML if the hub is small
    ///   enough (`bodyTemplateLimit`).
    /// - Returns: the loads' diagnostics; the loads of `paths` (by `content/` path); and the
    ///   keys of the loads read now, the only ones that can differ from `previous`.
    static func loadEntries(_ paths: [String], root: String, config: HubConfig, previous: [String: BuildCache.Load],
                            bodyTemplates: Bool = false, progress: (@Sendable (String, Int, Int) -> Void)?) async
        -> (diagnostics: [Diagnostic], loads: [String: BuildCache.Load], reloaded: [String]) {
        // One stat per file, all before any file is read (a file changed after it is stat-ed
        // gets a stamp that no longer matches, and is read again next time): its stamp, and
        // its size, which decides whether bodies are kept as templates.
        let examined = await Parallel.mapChunks(paths) { slice in
            slice.map { (path: $0, file: FileStamp.examine(at: root + "/content/" + $0)) }
        }.flatMap { $0 }
        let markdownBytes = examined.reduce(0) { $0 + ($1.file?.size ?? 0) }
        let template = bodyTemplates && markdownBytes <= bodyTemplateLimit
        let results = await Parallel.mapChunks(examined, progress: { progress?("load", $0, paths.count) }) { slice in
            slice.map { path, file in
                // A load is small to copy (its entry is behind a reference): passed as it is.
                let key = "content/" + path
                let before = previous[key]
                return (key: key, before: before,
                        outcome: loadEntry(path, root: root, config: config, stamp: file?.stamp, previous: before, template: template))
            }
        }.flatMap { $0 }
        // The previous loads, with only what changed replaced: in `serve`, where one file changed
        // among thousands, a table of every load made again would cost more than the loading.
        var loads = previous
        loads.reserveCapacity(results.count)  // not grown ten thousand loads at a time
        var diagnostics: [Diagnostic] = []
        var reloaded: [String] = []
        var kept = 0
        for (key, before, outcome) in results {
            if before != nil { kept += 1 }
            switch outcome {
            case .unchanged(let stamp):
                if stamp != before?.stamp { loads[key]?.stamp = stamp }
                diagnostics += before?.diagnostics ?? []
            case .loaded(let load):
                loads[key] = load
                reloaded.append(key)
                diagnostics += load.diagnostics
            }
        }
        if kept < previous.count {  // files gone since
            let scanned = Set(results.map(\.key))
            for key in previous.keys where !scanned.contains(key) { loads[key] = nil }
        }
        return (diagnostics, loads, reloaded)
    }

    /// The entries of the files loaded from `paths`, in that order; those kept encoded (from a
    /// stored cache) are decoded in parallel and put back decoded. Nil if one does not decode.
    static func takeEntries(_ paths: [String], loads: inout [String: BuildCache.Load]) async -> [Entry]? {
        // Entries stored encoded are decoded on every core, and their loads put back decoded.
        let encoded = paths.filter { loads["content/" + $0]?.isEncoded == true }
        if !encoded.isEmpty {
            let current = loads
            let decoded = await Parallel.mapChunks(encoded) { slice in slice.map { current["content/" + $0]?.decoded } }.flatMap { $0 }
            for (path, load) in zip(encoded, decoded) {
                guard let load else { return nil }
                loads["content/" + path] = load
            }
        }
        // Then each entry is copied once out of its load (which the cache keeps).
        var entries: [Entry] = []
        entries.reserveCapacity(paths.count)
        for path in paths {
            if let entry = loads["content/" + path]?.entry { entries.append(entry) }
        }
        return entries
    }

    /// A file loaded, or found to hold what its previous load was made from (with its stamp now).
    enum LoadOutcome: Sendable {
        case unchanged(stamp: FileStamp?)
        case loaded(BuildCache.Load)
    }

    /// - Parameters:
    ///   - stamp: the file's stamp, taken before it is read (`FileStamp`).
    ///   - previous: the file's load in the build before, if it had one.
    static func loadEntry(_ path: String, root: String, config: HubConfig, stamp: FileStamp?, previous: BuildCache.Load?,
                          template: Bool = false) -> LoadOutcome {
        let source = "content/" + path
        // An unchanged file is taken as it was (its place in the hub follows from its path and
        // the configuration, both unchanged).
        if let previous, let stamp, previous.stamp == stamp, previous.hasEntry { return .unchanged(stamp: stamp) }
        guard let bytes = FileBytes.contents(of: root + "/" + source) else {
            return .loaded(BuildCache.Load(hash: 0, entry: nil, diagnostics: [.error(.unreadableFile, "cannot read this file",
                                                                                     at: SourceLocation(file: source), hint: "check its permissions")]))
        }
        let hash = ContentHash.of(bytes).value
        if let previous, previous.hash == hash, previous.hasEntry { return .unchanged(stamp: stamp) }
        let placement: EntryLoader.Placement
        switch EntryLoader.placement(of: path, config: config) {
        case .success(let p): placement = p
        case .failure(let d): return .loaded(BuildCache.Load(hash: hash, entry: nil, diagnostics: [d]))
        }
        switch SourceText.decode(bytes) {
        case .failure(let problem):
            return .loaded(BuildCache.Load(hash: hash, entry: nil, diagnostics: [decodeDiagnostic(problem, file: source)]))
        case .success(let text):
            var (entry, diagnostics) = EntryLoader.load(text: text, placement: placement, source: source, config: config,
                                                        template: template)
            entry.sourceHash = hash
            return .loaded(BuildCache.Load(hash: hash, entry: entry, diagnostics: diagnostics, stamp: stamp))
        }
    }

    static func checkLayouts(site: Site, renderer: SiteRenderer, templates: TemplateSet) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        guard !templates.names.isEmpty else { return [] }  // the template set already failed
        for id in site.index.order {
            guard let page = site.index[id], page.kind != .alias, page.kind != .search else { continue }  // search is optional
            let name = renderer.template(for: page)
            guard !templates.names.contains(name) else { continue }
            var location = SourceLocation(file: "templates/\(name).mustache")
            if let layout = page.entryIndex.flatMap({ site.entries[$0].layout }), layout.value == name { location = layout.location }
            else if page.kind == .entry, let c = page.collection, let schema = site.config.collection(named: c), schema.layout == name {
                location = schema.layoutLocation
            }
            guard reported.insert("\(location)|\(name)").inserted else { continue }
            let valid = TemplateSet.isValidName(name)
            diagnostics.append(.error(valid ? .missingTemplate : .badTemplateName,
                                      valid ? "no template '\(name)' (templates/\(name).mustache) for '\(page.id)'"
                                            : "'\(name)' is not a template name",
                                      at: location,
                                      hint: Suggestions.didYouMean(name, in: templates.names.filter { !$0.hasPrefix("partials/") }).map { $0 }
                                        ?? "create templates/\(valid ? name : "NAME").mustache or use one of: " + templates.names.filter { !$0.hasPrefix("partials/") }.sorted().joined(separator: ", ")))
        }
        return diagnostics
    }

}

/// Splits work into contiguous ranges, thirty-two per core, so tasks are big enough to be cheap
/// to schedule (a few hundred pages each on a large hub) and small enough that the last one
/// to finish does not keep the other cores waiting long.
enum Parallel {
    static func chunks(_ count: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let pieces = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * 32))
        let size = (count + pieces - 1) / pieces
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Runs `transform` on contiguous slices of `items` in a task group and returns the
    /// results in the order of the slices, whatever order the tasks finished in; reports
    /// progress (items done) as slices finish.
    static func mapChunks<T: Sendable, R: Sendable>(_ items: [T], progress: (@Sendable (Int) -> Void)? = nil,
                                                    _ transform: @escaping @Sendable (ArraySlice<T>) -> R) async -> [R] {
        await withTaskGroup(of: (Int, Int, R).self) { group in
            for (n, range) in chunks(items.count).enumerated() {
                group.addTask { (n, range.count, transform(items[range])) }
            }
            var results: [(Int, R)] = []
            var done = 0
            for await (n, count, result) in group {
                results.append((n, result))
                done += count
                progress?(done)
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

/// Wall-clock time per stage, for `--verbose`.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
    }
}
