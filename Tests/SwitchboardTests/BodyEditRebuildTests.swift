import Foundation
import Testing
@testable import SwitchboardKit

/// `serve`'s rebuild after an edit that reaches only an entry's own page: it renders that page
/// and the search index and takes the rest from the build in memory. Whatever the edit, the
/// files and diagnostics must be a clean build's; edits that other pages can see must take
/// the full path.
@Suite("Rebuilds after body edits", .serialized)
struct BodyEditRebuildTests {
    struct Hub {
        let root: URL
        var cache: BuildCache?

        func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

        func edit(_ relative: String, _ change: (String) -> String) throws {
            let text = try String(contentsOf: path(relative), encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(relative) changes it")
            try changed.write(to: path(relative), atomically: true, encoding: .utf8)
        }

        static func memoryBuild(_ root: URL, cache: BuildCache?, deferSearch: Bool = false) async -> BuildReport {
            var options = BuildOptions()
            options.root = root.path
            options.write = false
            options.cache = cache
            options.deferSearch = deferSearch
            return await Builder.build(options)
        }

        static func files(_ report: BuildReport) -> [String: [UInt8]] {
            var files: [String: [UInt8]] = [:]
            for file in report.files.values {
                switch file.contents {
                case .bytes(let bytes): files[file.path] = bytes
                case .made(let make): files[file.path] = make()
                case .copy(let source): files[file.path] = [UInt8](FileManager.default.contents(atPath: source) ?? Data())
                }
            }
            return files
        }

        /// Rebuilds with the cache, checks that the rebuild took the fast path or not as
        /// `fast` says, and compares its files and diagnostics with a clean build's.
        @discardableResult
        mutating func rebuild(fast: Bool, _ comment: Comment) async throws -> BuildReport {
            let report = await Self.memoryBuild(root, cache: cache)
            let next: BuildCache = try #require(report.cache)
            cache = next
            let tookFastPath = !report.stageTimes.contains { $0.stage == "link" }
            #expect(tookFastPath == fast, comment)
            try await Self.expectClean(report, root: root, comment)
            return report
        }

        static func expectClean(_ report: BuildReport, root: URL, _ comment: Comment) async throws {
            let clean = await memoryBuild(root, cache: nil)
            #expect(report.diagnostics == clean.diagnostics, comment)
            let a = files(report), b = files(clean)
            #expect(Set(a.keys).symmetricDifference(b.keys).isEmpty, "\(comment): \(a.count) files, a clean build \(b.count); only here: \(Set(a.keys).subtracting(b.keys).sorted().prefix(3)), only there: \(Set(b.keys).subtracting(a.keys).sorted().prefix(3))")
            let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
            #expect(differing.isEmpty, "\(comment): differ from a clean build: \(differing.prefix(5))")
        }
    }

    static func bundledHubCopy() throws -> URL {
        let work = Hubs.temporaryDirectory("body-edit")
        let root = work.appendingPathComponent("hub")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: Hubs.repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        // A section intro and an entry without a summary, whose first paragraph is one.
        try "---\ntitle: Key performance indicators\n---\n\nWhat we measure, and why.\n"
            .write(to: root.appendingPathComponent("content/kpis/_index.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Queue\n---\n\nContacts waiting for an agent, see [[kpis/occupancy]].\n\nA second paragraph.\n"
            .write(to: root.appendingPathComponent("content/glossary/queue.md"), atomically: true, encoding: .utf8)
        return root
    }

    /// A copy of the bundled hub built once in memory, its cache ready for the next build.
    static func builtHub() async throws -> (hub: Hub, first: BuildReport) {
        let root = try bundledHubCopy()
        let first = await Hub.memoryBuild(root, cache: nil)
        #expect(!first.diagnostics.hasErrors, "\(first.diagnostics.map(Hubs.summary))")
        return (Hub(root: root, cache: first.cache), first)
    }

    @Test func editsMatchACleanBuildAndOnlyBodyEditsTakeTheFastPath() async throws {
        var (hub, _) = try await Self.builtHub()
        let root = hub.root
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

        let occupancy = "content/kpis/occupancy.md"
        try hub.edit(occupancy) { $0 + "\nOne more paragraph about occupancy.\n" }
        let appended = try await hub.rebuild(fast: true, "a paragraph appended")
        #expect(appended.pagesRendered == 1)

        // Lines inserted above the links move them, which only diagnostics would show.
        try hub.edit(occupancy) { $0.replacingOccurrences(of: "## Unit and direction\n", with: "A new paragraph.\n\n## Unit and direction\n") }
        try await hub.rebuild(fast: true, "a paragraph inserted before the links")

        // A section intro's body is its collection index page's.
        try hub.edit("content/kpis/_index.md") { $0 + "\nAnd how.\n" }
        let intro = try await hub.rebuild(fast: true, "a section intro's text")
        #expect(intro.pagesRendered == 1)

        // Raw HTML brings a warning; taking it out takes the warning away.
        try hub.edit(occupancy) { $0 + "\n<div>raw</div>\n" }
        let raw = try await hub.rebuild(fast: true, "raw HTML added")
        #expect(raw.diagnostics.contains { $0.code == .rawHTMLDropped })
        try hub.edit(occupancy) { $0.replacingOccurrences(of: "\n<div>raw</div>\n", with: "") }
        let removed = try await hub.rebuild(fast: true, "raw HTML removed")
        #expect(!removed.diagnostics.contains { $0.code == .rawHTMLDropped })

        // What other pages show: a new link (backlinks, graph), a heading (anchors), the
        // first paragraph of an entry without a summary (its summary in lists), a title.
        try hub.edit(occupancy) { $0 + "\nCompare with [[kpis/shrinkage]].\n" }
        try await hub.rebuild(fast: false, "a link added")
        try hub.edit(occupancy) { $0 + "\n## A new heading\n" }
        try await hub.rebuild(fast: false, "a heading added")
        try hub.edit("content/glossary/queue.md") { $0.replacingOccurrences(of: "Contacts waiting", with: "Customers waiting") }
        try await hub.rebuild(fast: false, "the first paragraph of an entry without a summary")
        try hub.edit("content/glossary/queue.md") { $0 + "\nA third paragraph.\n" }
        try await hub.rebuild(fast: true, "a later paragraph of an entry without a summary")
        try hub.edit(occupancy) { $0.replacingOccurrences(of: "title: Occupancy", with: "title: Agent occupancy") }
        try await hub.rebuild(fast: false, "a title")

        // An error is reported as a clean build reports it; the fix builds again.
        try hub.edit(occupancy) { $0 + "\nSee [[kpis/no-such-kpi]].\n" }
        let broken = await Hub.memoryBuild(root, cache: hub.cache)
        #expect(broken.diagnostics.contains { $0.code == .brokenLink })
        try hub.edit(occupancy) { $0.replacingOccurrences(of: "\nSee [[kpis/no-such-kpi]].\n", with: "") }
        try await hub.rebuild(fast: true, "the error fixed: back to the last good build")

        // Saving a file unchanged renders nothing.
        try (try String(contentsOf: hub.path(occupancy), encoding: .utf8)).write(to: hub.path(occupancy), atomically: true, encoding: .utf8)
        let same = try await hub.rebuild(fast: true, "saved unchanged")
        #expect(same.pagesRendered == 0)

        // hub.yml and templates parsed by the last build are reused only while unchanged.
        try hub.edit("templates/partials/footer.mustache") { $0.replacingOccurrences(of: "Built with Switchboard.", with: "Built with care.") }
        let retemplated = try await hub.rebuild(fast: false, "a template")
        #expect(Hub.files(retemplated)["index.html"].map { String(decoding: $0, as: UTF8.self).contains("Built with care.") } == true)
        try hub.edit("content/hub.yml") { $0.replacingOccurrences(of: "title: \"Beyond the Call Centre\"", with: "title: \"Beyond the Contact Centre\"") }
        let renamed = try await hub.rebuild(fast: false, "hub.yml")
        #expect(Hub.files(renamed)["index.html"].map { String(decoding: $0, as: UTF8.self).contains("Beyond the Contact Centre") } == true)
        try hub.edit(occupancy) { $0 + "\nAfter the theme changed.\n" }
        try await hub.rebuild(fast: true, "a text edit after them")
    }

    /// `serve` shows the page before the search index is made: the report holds the old
    /// index and the update, which gives the clean build's files.
    @Test func aDeferredSearchIndexCatchesUp() async throws {
        var (hub, first) = try await Self.builtHub()
        let root = hub.root
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let before = Hub.files(first).filter { $0.key.hasPrefix("search/") }
        try hub.edit("content/kpis/occupancy.md") { $0 + "\nZebrafish are not a workforce measure.\n" }

        let report = await Hub.memoryBuild(root, cache: first.cache, deferSearch: true)
        let update = try #require(report.searchUpdate)
        #expect(Hub.files(report).filter { $0.key.hasPrefix("search/") } == before, "the old index until the update")
        let complete = await update.apply(to: report)
        #expect(complete.searchUpdate == nil)
        #expect(Hub.files(complete).filter { $0.key.hasPrefix("search/") } != before)
        try await Hub.expectClean(complete, root: root, "after the search update")

        // The cache it leaves serves the next rebuild like any other.
        hub.cache = complete.cache
        try hub.edit("content/kpis/occupancy.md") { $0 + "\nOne more.\n" }
        try await hub.rebuild(fast: true, "the next edit")
    }

    /// A file changed after it was loaded: the build publishes the version it loaded (its page
    /// is made from the HTML kept while loading, `BodyTemplate`), never a mix of two, and the
    /// next build publishes the new text.
    @Test func aFileChangedDuringTheBuildIsPublishedAsItWasLoaded() async throws {
        try await changeDuringTheBuild(body: { $0 }) { report, output, before in
            #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
            let page = try #require(Hubs.snapshot(output)["kpis/occupancy/index.html"])
            #expect(!String(decoding: page, as: UTF8.self).contains("Written during the build."))
            #expect(Hubs.snapshot(output).count == before.count)
        }
    }

    /// A body that gets no template (it holds a private-use character) is read again when its
    /// page renders: changed since it was loaded, it fails the build rather than mixing two
    /// versions of the file, and the previous output stays.
    @Test func aFileChangedDuringTheBuildFailsItWhenItsBodyIsReadAgain() async throws {
        try await changeDuringTheBuild(body: { $0 + "\nA private-use character: \u{E000}.\n" }) { report, output, before in
            let problem = try #require(report.diagnostics.first { $0.location?.file == "content/kpis/occupancy.md" })
            #expect(problem.severity == .error && problem.message.contains("changed while the hub was being built"))
            #expect(Hubs.snapshot(output) == before, "the previous output is untouched")
        }
    }

    /// Builds a copy of the bundled hub with `body` applied to one entry, then again while
    /// that entry changes between loading and rendering; `check` looks at the second build;
    /// a third build, after it, must publish the new text.
    private func changeDuringTheBuild(body: (String) -> String,
                                      check: (BuildReport, URL, [String: Data]) throws -> Void) async throws {
        let root = try Self.bundledHubCopy()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let output = root.deletingLastPathComponent().appendingPathComponent("public")
        let file = root.appendingPathComponent("content/kpis/occupancy.md")
        let text = body(try String(contentsOf: file, encoding: .utf8))
        try text.write(to: file, atomically: true, encoding: .utf8)
        let first = await Hubs.build(root, output: output)
        #expect(!first.diagnostics.hasErrors)
        let before = Hubs.snapshot(output)

        var options = BuildOptions()
        options.root = root.path
        options.output = output.path
        options.progress = { stage, _, _ in
            // Once every file is loaded and before pages render.
            if stage == "link" { try? (text + "\nWritten during the build.\n").write(to: file, atomically: true, encoding: .utf8) }
        }
        let report = await Builder.build(options)
        try check(report, output, before)

        // Built again, with what that build left for the next one, it is the new text.
        var next = BuildOptions()
        next.root = root.path
        next.output = output.path
        next.cache = report.cache
        let again = await Builder.build(next)
        #expect(!again.diagnostics.hasErrors)
        let page = try #require(Hubs.snapshot(output)["kpis/occupancy/index.html"])
        #expect(String(decoding: page, as: UTF8.self).contains("Written during the build."))
    }

    /// A stamp stands for a file's bytes only once its last change is old enough.
    @Test func fileStampsAreTrustedOnlyOnceSettled() throws {
        let work = Hubs.temporaryDirectory("stamp")
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("a.md")
        try "one".write(to: file, atomically: false, encoding: .utf8)
        #expect(FileStamp.settled(at: file.path) == nil, "just written")
        let later = Date().timeIntervalSince1970 + 10
        let first = try #require(FileStamp.settled(at: file.path, now: later))
        #expect(FileStamp.settled(at: file.path, now: later) == first)
        try "two!".write(to: file, atomically: false, encoding: .utf8)
        #expect(FileStamp.settled(at: file.path, now: later + 1) != first)
        #expect(FileStamp.settled(at: work.path, now: later) == nil, "folders have none")
    }
}
