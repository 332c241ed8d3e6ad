/// The rebuild `serve` does after most edits: an author changes the text of an entry, not
/// its title, summary, tags, fields, links or headings. Then no other page can change — every
/// other page, index, export and hub-health check sees only the entry's `interface` — so this
/// renders the entry's own page(s) and the search index, and takes everything else from the
/// previous build, instead of linking, checking and key-hashing the whole hub again.
///
/// It returns nil whenever that does not hold (a file added or removed, another input
/// changed, an edit reaching the interface, an error), and the build runs in full. Its result
/// is the one a clean build gives (BodyEditRebuildTests compare them file by file).
enum BodyEditRebuild {
    /// What a build kept in memory has for this rebuild: the linked site, through the
    /// renderer that holds it and the view models built from it.
    struct Linked: Sendable {
        var renderer: SiteRenderer
        /// `Builder.inputsKey` of that build: every input but the Markdown files' bytes.
        var inputsKey: UInt64
    }

    /// - Parameters:
    ///   - reloaded: the keys of the `loads` read again for this build; every other load is the
    ///     previous build's.
    ///   - deferSearch: leave the previous search index in place and return the work of
    ///     replacing it as `BuildReport.searchUpdate`, for `serve` to show the page first.
    static func attempt(previous: BuildCache, loads: [String: BuildCache.Load], reloaded: [String], inputsKey: UInt64,
                        fingerprint: UInt64, deferSearch: Bool) async -> BuildReport? {
        // The same files as before (a new one is among those read again, so is not in `previous`).
        guard let linked = previous.linked, linked.inputsKey == inputsKey, loads.count == previous.loads.count else { return nil }
        var site = linked.renderer.site
        var diagnostics = previous.diagnostics
        var edited: [Int] = []
        for path in reloaded {
            guard let old = previous.loads[path], let load = loads[path] else { return nil }
            guard old.hash != load.hash else { continue }
            guard let before = old.entry, let after = load.entry, !load.diagnostics.hasErrors,
                  before.interface == after.interface else { return nil }
            diagnostics.removeOnce(old.diagnostics)
            diagnostics += load.diagnostics
            // A draft left out of the site (or kept out by an error it no longer has) is in
            // no page: only its load changes.
            guard let i = site.index[after.id]?.entryIndex, site.entries[i].source == after.source else { continue }
            diagnostics.removeOnce(before.markdownWarnings)
            diagnostics += after.markdownWarnings
            site.entries[i] = after
            edited.append(i)
        }

        var clock = StageClock()
        let renderer = SiteRenderer(site: site, contexts: linked.renderer.contexts, templates: linked.renderer.templates,
                                    root: linked.renderer.root)
        var files = previous.files
        var outputs = previous.outputs
        var rendered = 0
        // An entry's body is the content of one page at most, the one its file is indexed
        // under: its own, the home page or its collection's index.
        for i in edited {
            guard let id = site.index.idBySource[site.entries[i].source], let page = site.index[id], page.entryIndex == i else { continue }
            guard let page = try? renderer.render(page) else { return nil }  // a file changed since: build in full
            files[page.file.path] = page.file
            outputs[page.file.path] = page.key
            rendered += 1
        }
        clock.lap("render")
        var report = BuildReport()
        report.diagnostics = diagnostics.sorted()
        report.pagesWritten = previous.pageCount
        report.pagesRendered = rendered
        report.orphans = previous.orphans
        report.tooDeep = previous.tooDeep
        report.site = site
        var cache = previous
        cache.loads = loads
        cache.sourceFingerprint = fingerprint
        cache.diagnostics = report.diagnostics
        cache.linked = Linked(renderer: renderer, inputsKey: inputsKey)
        report.take(files: files, outputs: outputs, cache: cache)
        if !edited.isEmpty {
            let update = SearchUpdate(site: site)
            if deferSearch { report.searchUpdate = update } else {
                report = await update.apply(to: report)
                clock.lap("search")
            }
        }
        report.stageTimes = clock.laps
        return report
    }
}

/// The search index of a site, made anew and put in place of the one a build's files hold:
/// the last step of a `BodyEditRebuild`, which `serve` takes after showing the edited page.
public struct SearchUpdate: Sendable {
    let site: Site

    /// `report` with its search index files, in `files` and in its cache, replaced.
    public func apply(to report: BuildReport) async -> BuildReport {
        guard let cache = report.cache else { return report }
        var files = cache.files, outputs = cache.outputs
        for path in outputs.keys where SearchIndex.isIndexFile(path) {
            outputs[path] = nil
            files[path] = nil
        }
        for file in await SearchIndex.files(site: site).map(\.materialized) {
            outputs[file.path] = PublishStage.key(of: file)
            files[file.path] = file
        }
        var updated = report
        updated.take(files: files, outputs: outputs, cache: cache)
        updated.searchUpdate = nil
        return updated
    }
}

extension BuildReport {
    /// Makes `files` (kept in memory) and their keys the whole output of this build, in the
    /// report and in `cache`, which it leaves for the next build.
    mutating func take(files: [String: OutputFile], outputs: [String: UInt64], cache: BuildCache) {
        var cache = cache
        cache.files = files
        cache.outputs = outputs
        cache.fileCount = outputs.count
        cache.outputID = BuildCache.outputID(of: outputs)
        self.files = files
        filesWritten = outputs.count
        self.cache = cache
    }
}

extension Array where Element == Diagnostic {
    /// Removes one occurrence of each of `others`, as a multiset.
    mutating func removeOnce(_ others: [Diagnostic]) {
        for d in others { if let i = firstIndex(of: d) { remove(at: i) } }
    }
}
