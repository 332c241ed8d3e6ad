import Foundation
import Testing
@testable import SwitchboardKit

/// End to end on small fixture hubs: `clean-hub` builds cleanly; the overlays `faults`,
/// `broken-links` and `bad-vendors` plant problems in a copy of it, and each must be reported
/// exactly once, at its exact place, with nothing else and nothing written.
@Suite("Fixture hubs, end to end")
struct FixtureHubTests {
    static func human(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { DiagnosticFormatter.human($0, color: false) }.joined(separator: "\n")
    }

    /// The text at `line:column` (1-based, columns in Unicode scalars) of a hub file.
    static func text(at location: SourceLocation, in hub: URL, length: Int) throws -> String {
        let source = try String(contentsOf: hub.appendingPathComponent(location.file), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(location.line >= 1 && location.line <= lines.count)
        let scalars = Array(lines[location.line - 1].unicodeScalars)
        try #require(location.column >= 1 && location.column <= scalars.count)
        return String(String.UnicodeScalarView(scalars[(location.column - 1)...].prefix(length)))
    }

    @Test func cleanHubBuildsWithoutAnyDiagnostic() async throws {
        let parent = Hubs.temporaryDirectory("sb-clean")
        defer { try? FileManager.default.removeItem(at: parent) }
        let hub = try Hubs.fixtureHub(in: parent)
        let output = parent.appendingPathComponent("public")
        let report = await Hubs.build(hub, output: output)
        #expect(report.diagnostics.isEmpty, "\(Self.human(report.diagnostics))")
        let tree = SiteTree(root: output, basePath: "/")
        for file in ["index.html", "kpis/index.html", "kpis/average-handle-time/index.html", "kpis/containment/index.html",
                     "glossary/containment/index.html", "archetypes/ai-first/index.html", "tags/automation/index.html",
                     "tags/index.html", "map/index.html", "404.html", "compare/index.html", "compare/vendors/index.html",
                     "compare/vendors/charlie/index.html", "compare/self-assessment/index.html",
                     "sitemap.xml", "robots.txt", "graph.json", "llms.txt"] {
            #expect(tree.files[file] != nil, "\(file) is written")
        }
        #expect(tree.files["kpis/retired-metric/index.html"] == nil, "drafts are not built")
        #expect(tree.brokenLinks().isEmpty, "\(tree.brokenLinks())")
        // Links were resolved to the pages they name, wikilinks titled by their targets.
        let home = try #require(tree.text("index.html"))
        #expect(home.contains(#"<a href="/kpis/average-handle-time/#formula">average handle time</a>"#))
        #expect(home.contains(#"<a href="/kpis/containment/">containment as a KPI</a>"#))
        let containment = try #require(tree.text("kpis/containment/index.html"))
        #expect(containment.contains(#"<a href="/kpis/average-handle-time/#formula">Average handle time</a>"#))
        let aht = try #require(tree.text("kpis/average-handle-time/index.html"))
        #expect(aht.contains(#"<th scope="col" style="text-align: left">"#), "the pipe table is a table")
    }

    /// Text derived from an entry's Markdown (a summary taken from its first paragraph, search
    /// passages) reads an unlabelled wikilink as its target's title, everywhere it is shown:
    /// the entry keeps placeholders for them, and no placeholder may reach the output.
    @Test func derivedTextReadsUnlabelledWikilinksAsTitles() async throws {
        let parent = Hubs.temporaryDirectory("sb-derived")
        defer { try? FileManager.default.removeItem(at: parent) }
        let hub = try Hubs.fixtureHub(in: parent)
        // The bundled theme: it shows summaries in lists and a description in every page's head.
        let templates = hub.appendingPathComponent("templates")
        try FileManager.default.removeItem(at: templates)
        try FileManager.default.copyItem(at: Hubs.repositoryRoot.appendingPathComponent("templates"), to: templates)
        let output = parent.appendingPathComponent("public")
        let report = await Hubs.build(hub, output: output)
        #expect(!report.diagnostics.hasErrors, "\(FixtureHubTests.human(report.diagnostics))")
        let tree = SiteTree(root: output, basePath: "/")
        // kpis/containment has no summary; its first paragraph ends "See [[average-handle-time#formula]]."
        let readable = "See Average handle time."
        let list = try #require(tree.text("kpis/index.html"))
        #expect(list.contains(readable), "the collection index's summary")
        let page = try #require(tree.text("kpis/containment/index.html"))
        #expect(page.contains("content=\"Share of contacts that an automated channel finishes. \(readable)\""), "the page's description")
        #expect(try #require(tree.text("llms.txt")).contains(readable))
        #expect(try #require(tree.text("graph.json")).contains(readable))
        let searchText = tree.files.filter { $0.key.hasPrefix("search/") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(searchText.contains(readable), "the search index's passage")
        let marker = "\u{E000}"
        let leaked = tree.files.filter { String(decoding: $0.value, as: UTF8.self).contains(marker) }.keys.sorted()
        #expect(leaked.isEmpty, "placeholders in \(leaked)")
    }

    @Test func plantedFaultsAreEachReportedOnceAndTheOutputIsKept() async throws {
        let parent = Hubs.temporaryDirectory("sb-faults")
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")

        // A clean build first, to have a previous output to protect.
        let clean = try Hubs.fixtureHub(in: parent)
        let cleanReport = await Hubs.build(clean, output: output)
        try #require(cleanReport.diagnostics.isEmpty, "\(Self.human(cleanReport.diagnostics))")
        let before = Hubs.snapshot(output)
        try #require(before["index.html"] != nil)

        // The same hub with faults planted, built into the same output.
        let faulty = try Hubs.fixtureHub(overlays: ["faults"], in: parent)
        let report = await Hubs.build(faulty, output: output)
        let expected: [(place: String, code: DiagnosticCode, message: String, at: String)] = [
            ("content/glossary/fancy.md:3:9", .missingTemplate,
             "no template 'fancy' (templates/fancy.mustache) for 'glossary/fancy'", "fancy"),
            ("content/kpis/bad-enum.md:4:13", .badEnumValue,
             "'legasy' is not an allowed value of 'generation'", "legasy"),
            ("content/kpis/bad-yaml.md:5:21", .frontMatterSyntax,
             "invalid YAML: mapping values are not allowed in this context", ": the"),
            ("content/kpis/no-title.md:1:1", .missingRequired,
             "missing required field 'title'", "---"),
            ("content/kpis/unknown-key.md:5:1", .unknownKey,
             "unknown front-matter key 'colour' for collection 'kpis'", "colour"),
        ]
        #expect(report.diagnostics.map(Hubs.summary) == expected.map { "\($0.place) \($0.code.id)" },
                "\(Self.human(report.diagnostics))")
        #expect(report.diagnostics.allSatisfy { $0.severity == .error })
        for (d, e) in zip(report.diagnostics, expected) {
            #expect(d.code == e.code)
            #expect(d.message == e.message)
            #expect(d.hint?.isEmpty == false, "\(e.place) has a hint")
            // The position points at the fault in the file itself.
            let location = try #require(d.location)
            #expect(try Self.text(at: location, in: faulty, length: e.at.unicodeScalars.count) == e.at)
        }
        let byFile = Dictionary(grouping: report.diagnostics, by: { $0.location?.file ?? "" })
        #expect(byFile["content/kpis/bad-enum.md"]?.first?.hint == "did you mean 'legacy'? (allowed: legacy, next-generation)")
        #expect(byFile["content/glossary/fancy.md"]?.first?.hint?.hasPrefix("create templates/fancy.mustache or use one of: ") == true)

        // The pipe table in a fenced code block stayed code: no table, and its links are no links.
        let site = try #require(report.site)
        let entry = try #require(site.entry("kpis/table-in-code"))
        #expect(entry.markdown.links.isEmpty)
        let body = try EntryBody.read(entry, root: faulty.path).get()
        let html = MarkdownRenderer.render(body, options: site.config.markdown, lineOffset: entry.bodyLineOffset,
                                           file: entry.source) { _ in nil }
        #expect(html.contains("<pre><code class=\"language-markdown\">| KPI | Source |\n| --- | ------ |\n| [AHT](missing-file.md) | [[nowhere-at-all]] |\n</code></pre>"))
        #expect(!html.contains("<table>"))

        // Nothing was written: the previous output is byte-for-byte what it was.
        #expect(report.pagesWritten == 0 && report.filesWritten == 0)
        let after = Hubs.snapshot(output)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no staging folder is left behind: \(leftovers)")
    }

    @Test func brokenLinksOfEveryFormAreReportedWithHints() async throws {
        let parent = Hubs.temporaryDirectory("sb-links")
        defer { try? FileManager.default.removeItem(at: parent) }
        let hub = try Hubs.fixtureHub(overlays: ["broken-links"], in: parent)
        let report = await Hubs.build(hub, output: parent.appendingPathComponent("public"))
        let file = "content/kpis/links.md"
        let expected: [(line: Int, column: Int, code: DiagnosticCode, message: String, hint: String?)] = [
            (8, 32, .brokenLink, "link to 'average-handle-tme.md': no such file in content/",
             "did you mean 'kpis/average-handle-time.md'?"),
            (9, 35, .unknownAnchor, "'#formla' is not a heading of 'kpis/average-handle-time'", "did you mean '#formula'?"),
            (10, 16, .brokenLink, "wikilink target 'kpis/containmnt' is not a page of this hub", "did you mean 'kpis/containment'?"),
            (11, 19, .ambiguousLink, "'containment' matches several entries: glossary/containment, kpis/containment",
             "write the full id, e.g. [[glossary/containment]]"),
            (12, 13, .linkToDraft, "wikilink to 'kpis/retired-metric', which is a draft and is not built",
             "publish it (remove `draft: true`), remove the link, or build with --drafts"),
            (13, 20, .unknownAnchor, "'#pitfals' is not a heading of 'kpis/average-handle-time'", "did you mean '#pitfalls'?"),
            (14, 26, .brokenLink, "link '/kpis/gone/' points to no page or file of this hub", nil),
            (15, 9, .unknownAnchor, "'#summry' is not a heading of 'kpis/links'", "did you mean '#summary'?"),
        ]
        #expect(report.diagnostics.count == 8, "\(Self.human(report.diagnostics))")
        #expect(report.diagnostics.map(Hubs.summary) == expected.map { "\(file):\($0.line):\($0.column) \($0.code.id)" })
        for (d, e) in zip(report.diagnostics, expected) {
            #expect(d.severity == .error)
            #expect(d.message == e.message)
            let hint = try #require(d.hint, "\(e.line): every broken link comes with a hint")
            if let h = e.hint { #expect(hint == h) } else { #expect(!hint.isEmpty) }
            let location = try #require(d.location)
            #expect(try Self.text(at: location, in: hub, length: 1) == "[", "line \(e.line) points at the link's first bracket")
        }
        #expect(report.pagesWritten == 0)
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("public").path))
    }

    @Test func vendorCSVErrorsNameRowColumnAndValue() async throws {
        let parent = Hubs.temporaryDirectory("sb-vendors")
        defer { try? FileManager.default.removeItem(at: parent) }
        let hub = try Hubs.fixtureHub(overlays: ["bad-vendors"], in: parent)
        let report = await Hubs.build(hub, output: parent.appendingPathComponent("public"))
        try #require(report.diagnostics.count == 2, "\(Self.human(report.diagnostics))")
        let (notNumeric, outOfScale) = (report.diagnostics[0], report.diagnostics[1])
        #expect(notNumeric.severity == .error)
        #expect(notNumeric.code == .scoreNotNumeric)
        #expect(notNumeric.location == SourceLocation(file: "content/data/vendors.csv", line: 4, column: 5))
        #expect(notNumeric.message == "row 4, column 'commercial' (E): 'two' is not a number")
        #expect(outOfScale.severity == .error)
        #expect(outOfScale.code == .scoreOutOfScale)
        #expect(outOfScale.location == SourceLocation(file: "content/data/vendors.csv", line: 6, column: 4))
        #expect(outOfScale.message == "row 6, column 'ai-core' (D): 9 is outside the scale 1–5")
        #expect(notNumeric.hint != nil && outOfScale.hint != nil)
        #expect(report.pagesWritten == 0)
    }

    /// Hub health warns about orphans and pages too deep, whether the build writes or only
    /// checks, and never holds the output back. Counted in the report as in its warnings.
    @Test func orphansAndPagesTooDeepAreWarnedAboutAndTheSiteIsWritten() async throws {
        let parent = Hubs.temporaryDirectory("sb-health")
        defer { try? FileManager.default.removeItem(at: parent) }
        let hub = try Hubs.fixtureHub(in: parent)
        let config = hub.appendingPathComponent("content/hub.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try #require(text.contains("  orphans: false"))
        try text.replacingOccurrences(of: "  orphans: false", with: "  orphans: true\n  max_depth: 1")
            .write(to: config, atomically: true, encoding: .utf8)
        try "---\ntitle: Lonely metric\nunit: percent\ngeneration: legacy\n---\nNothing links here.\n"
            .write(to: hub.appendingPathComponent("content/kpis/lonely-metric.md"), atomically: true, encoding: .utf8)

        let output = parent.appendingPathComponent("public")
        let built = await Hubs.build(hub, output: output)
        var options = BuildOptions()
        options.root = hub.path
        options.write = false
        let checked = await Builder.build(options)

        for report in [built, checked] {
            #expect(!report.diagnostics.hasErrors, "\(FixtureHubTests.human(report.diagnostics))")
            let orphans = report.diagnostics.filter { $0.code == .orphan }
            let tooDeep = report.diagnostics.filter { $0.code == .tooDeep }
            #expect(orphans.contains { $0.location?.file == "content/kpis/lonely-metric.md" && $0.message.contains("'kpis/lonely-metric' is an orphan") })
            #expect(report.orphans == orphans.count && report.orphans >= 1)
            // Entries sit two clicks from home (menu → collection → entry): over a limit of one.
            #expect(tooDeep.contains { $0.location?.file == "content/kpis/lonely-metric.md" && $0.message.contains("home → kpis → kpis/lonely-metric") })
            #expect(report.tooDeep == tooDeep.count && report.tooDeep >= 1)
        }
        #expect(built.diagnostics.map(Hubs.summary) == checked.diagnostics.map(Hubs.summary))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("kpis/lonely-metric/index.html").path))
    }
}

/// The link checker the end-to-end tests rely on must itself catch what it is meant to catch.
@Suite("Link checker used by the end-to-end tests")
struct SiteTreeTests {
    @Test func findsMissingFilesMissingAnchorsAndMissingBasePaths() throws {
        let root = Hubs.temporaryDirectory("sb-tree")
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = [
            "index.html": ##"<a href="/hub/kpis/">ok</a> <a href="/hub/kpis/#top">top</a> <a href="/hub/gone/">gone</a> <a href="#here">x</a><p id="here"></p>"##,
            "kpis/index.html": ##"<h2 id="f">F</h2><a href="/hub/#nope">bad anchor</a> <a href="/kpis/">no base</a> <a href="../style.css?v=1">css</a> <img src="/hub/a.png"> <a href="https://x.example/">ext</a>"##,
            "style.css": "",
        ]
        for (path, text) in pages {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let tree = SiteTree(root: root, basePath: "/hub/")
        #expect(tree.rootRelativeURLs().count == 6)
        let problems = tree.brokenLinks().map(\.description).sorted()
        #expect(problems == [
            "index.html: /hub/gone/ → no file gone/index.html",
            "kpis/index.html: /hub/#nope → no id 'nope' in index.html",
            "kpis/index.html: /hub/a.png → no file a.png",
            "kpis/index.html: /kpis/ → does not start with the base path /hub/",
        ])
    }
}
