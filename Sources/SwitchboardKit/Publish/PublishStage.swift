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

    static func run(renderer: SiteRenderer, extra: [OutputFile], destination: Destination, output: String,
                    previous: BuildCache, progress: (@Sendable (String, Int, Int) -> Void)?) async -> Result {
        let pages = renderer.site.index.order.compactMap { renderer.site.index[$0] }
        let parts = await Parallel.mapChunks(pages, progress: { progress?("render", $0, pages.count) }) { slice in
            var part = Part()
            for page in slice {
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
                    guard let made = try renderer.render(page, reuse: reuse) else { continue }
                    rendered = made
                } catch {
                    if part.failure == nil { part.failure = error }
                    continue
                }
                part.pages += 1
                part.outputs.append((rendered.file.path, rendered.key))
                if !rendered.reused { part.rendered += 1 }
                guard part.failure == nil else { continue }
                do {
                    switch destination {
                    case .memory: part.kept.append(rendered.file)
                    case .staging(let staging): try staging.write(rendered.file)
                    case .inPlace(let target): if !rendered.reused { part.staged.append(try target.stage(rendered.file)) }
                    }
                } catch {
                    part.failure = OutputStaging.failure(error, at: output)
                }
            }
            return part
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
        // Files that are not pages: assets, copies, sitemap, exports, search index; those made
        // only now are made one at a time and let go once written.
        for file in extra {
            let file = file.materialized
            let key = key(of: file)
            result.outputs[file.path] = key
            guard failure == nil else { break }
            let unchanged = previous.outputs[file.path] == key
            do {
                switch destination {
                case .memory: result.kept[file.path] = file
                case .staging(let staging): try staging.write(file)
                case .inPlace(let output): if !unchanged { staged.append(try output.stage(file)) }
                }
            } catch {
                failure = OutputStaging.failure(error, at: output)
            }
        }
        result.pages += extra.filter { $0.path.hasSuffix(".html") }.count
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

    /// The key of a file that is not a page: a hash of its bytes (or of the file it copies).
    static func key(of file: OutputFile) -> UInt64 {
        var h = ContentHash()
        switch file.contents {
        case .bytes(let bytes): h.update(bytes)
        case .made(let make): h.update(make())
        case .copy(let source):
            h.update("copy")
            if let data = FileManager.default.contents(atPath: source) { h.update([UInt8](data)) }
        }
        return h.value
    }
}
