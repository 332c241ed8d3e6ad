import Foundation

/// The last stage: render every page (in parallel) and put the site where it goes — into a
/// fresh staging folder that replaces the output, into the existing output in place when it
/// holds exactly the previous build (only changed files are written), or into memory for
/// `serve`. Pages whose key is unchanged since the previous build are not rendered again.
enum PublishStage {
    struct Result: Sendable {
        var pages = 0
        var files = 0
        /// Output path → key, for the next build's cache.
        var outputs: [String: UInt64] = [:]
        /// The files themselves, when kept in memory.
        var kept: [String: OutputFile] = [:]
        /// Pages rendered this time (the others were reused).
        var rendered = 0
        var diagnostics: [Diagnostic] = []
    }

    enum Destination: Sendable {
        case staging(OutputStaging)
        case inPlace(InPlaceOutput)
        case memory
    }

    /// One task's share of the work.
    private struct Part: Sendable {
        var pages = 0
        var rendered = 0
        var outputs: [(String, UInt64)] = []
        var kept: [OutputFile] = []
        var staged: [(temporary: String, final: String)] = []
        var failure: Diagnostic?
    }

    /// A piece of the stage's work: a page to render, or a file that is not a page.
    private enum Work: Sendable {
        case page(Page)
        case file(OutputFile)
    }

    /// - Parameter late: files still being made when rendering starts (the search index):
    ///   the pages are rendered meanwhile, and these written after them.
    static func run(renderer: SiteRenderer, extra: [OutputFile], late: Task<[OutputFile], Never>? = nil,
                    destination: Destination, output: String,
                    previous: BuildCache, progress: (@Sendable (String, Int, Int) -> Void)?) async -> Result {
        let pages = renderer.site.index.order.compactMap { renderer.site.index[$0] }
        // Pages and other files go through one parallel pass, the heavy ones first — lists of
        // many entries (home, collections, tags, the map), then graph.json and the like — so
        // that no core is left alone with them at the end while the other idles. The search
        // index, still being made when rendering starts, gets a pass of its own after it.
        let lists = pages.filter { $0.kind != .entry }
        let work = lists.map(Work.page) + extra.map(Work.file) + pages.filter { $0.kind == .entry }.map(Work.page)
        /// Staging: makes the folders `paths` go in; the build's result if that fails.
        func makeFolders(for paths: some Sequence<String>) -> Result? {
            guard case .staging(let staging) = destination else { return nil }
            do {
                try staging.makeFolders(for: paths)
                return nil
            } catch {
                staging.abort()
                return Result(diagnostics: [staging.failure(error)])
            }
        }
        func publish(_ work: [Work], stage: String) async -> [Part] {
            await Parallel.mapChunks(work, progress: { progress?(stage, $0, work.count) }) { slice in
                var part = Part()
                for item in slice {
                    switch item {
                    case .page(let page): renderPage(page, renderer: renderer, destination: destination, output: output,
                                                     previous: previous, into: &part)
                    case .file(let file): writeFile(file, destination: destination, output: output, previous: previous, into: &part)
                    }
                }
                return part
            }
        }
        if let failed = makeFolders(for: pages.lazy.map(\.outputFile) + extra.lazy.map(\.path)) { return failed }
        var parts = await publish(work, stage: "render")
        if let late, case let files = await late.value, !files.isEmpty {
            if let failed = makeFolders(for: files.lazy.map(\.path)) { return failed }
            parts += await publish(files.map(Work.file), stage: "search")
        }

        var result = Result()
        var staged: [(temporary: String, final: String)] = []
        var failure: Diagnostic?
        for part in parts {
            result.pages += part.pages
            result.rendered += part.rendered
            for (path, key) in part.outputs { result.outputs[path] = key }
            for file in part.kept { result.kept[file.path] = file }
            staged += part.staged
            if failure == nil { failure = part.failure }
        }
        result.files = result.outputs.count
        let outputID = BuildCache.outputID(of: result.outputs)

        switch destination {
        case .memory:
            break
        case .staging(let staging):
            if let failure { staging.abort(); result.diagnostics = [failure] } else { result.diagnostics = staging.commit(outputID: outputID) }
        case .inPlace(let output):
            if let failure {
                output.discard(staged)
                result.diagnostics = [failure]
            } else {
                let removed = previous.outputs.keys.filter { result.outputs[$0] == nil }
                result.diagnostics = output.commit(staged: staged, removed: removed, outputID: outputID)
            }
        }
        return result
    }

    private static func renderPage(_ page: Page, renderer: SiteRenderer, destination: Destination, output: String,
                                   previous: BuildCache, into part: inout Part) {
        let reuse: (String, UInt64) -> OutputFile? = { path, key in
            guard previous.outputs[path] == key else { return nil }
            switch destination {
            case .memory: return previous.files[path]
            case .inPlace: return OutputFile(path: path, contents: .bytes([]))  // already in place
            case .staging: return nil
            }
        }
        let rendered: SiteRenderer.Rendered
        do throws(Diagnostic) {
            guard let made = try renderer.render(page, reuse: reuse) else { return }
            rendered = made
        } catch {
            if part.failure == nil { part.failure = error }
            return
        }
        part.pages += 1
        part.outputs.append((rendered.file.path, rendered.key))
        if !rendered.reused { part.rendered += 1 }
        guard part.failure == nil else { return }
        deliver(rendered.file, unchanged: rendered.reused, destination: destination, output: output, into: &part)
    }

    /// A file that is not a page: assets, copies, sitemap, exports, search index. Those made
    /// only now are made here and let go once written.
    private static func writeFile(_ file: OutputFile, destination: Destination, output: String, previous: BuildCache,
                                  into part: inout Part) {
        guard part.failure == nil else { return }
        let file = file.materialized
        let key = key(of: file)
        part.outputs.append((file.path, key))
        if file.path.hasSuffix(".html") { part.pages += 1 }
        deliver(file, unchanged: previous.outputs[file.path] == key, destination: destination, output: output, into: &part)
    }

    /// Puts a made file where the site goes: kept in memory, written into the staging folder,
    /// or staged beside its place in the output — unless it is unchanged, and already there.
    private static func deliver(_ file: OutputFile, unchanged: Bool, destination: Destination, output: String,
                                into part: inout Part) {
        do {
            switch destination {
            case .memory: part.kept.append(file)
            case .staging(let staging): try staging.write(file)
            case .inPlace(let target): if !unchanged { part.staged.append(try target.stage(file)) }
            }
        } catch {
            part.failure = OutputStaging.failure(error, at: output)
        }
    }

    /// The key of a file that is not a page: a hash of its bytes (or of the file it copies).
    static func key(of file: OutputFile) -> UInt64 {
        var h = ContentHash()
        switch file.contents {
        case .bytes(let bytes): h.update(bytes)
        case .made(let make): h.update(make())
        case .copy(let source):
            h.update("copy")
            if let bytes = FileBytes.contents(of: source) { h.update(bytes) }
        }
        return h.value
    }
}
