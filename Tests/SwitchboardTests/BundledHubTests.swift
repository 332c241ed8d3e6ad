import Foundation
import Testing
@testable import SwitchboardKit

/// End to end: the hub that ships in the repository (content/ + templates/).
@Suite("Bundled hub, end to end")
struct BundledHubTests {
    /// Builds the bundled hub into a fresh temporary folder (never into the repository's public/).
    static func build(baseURL: String? = nil) async throws -> (report: BuildReport, output: URL, parent: URL) {
        let parent = Hubs.temporaryDirectory("sb-bundled")
        let output = parent.appendingPathComponent("public")
        let report = await Hubs.build(Hubs.repositoryRoot, output: output, baseURL: baseURL)
        return (report, output, parent)
    }

    @Test func buildsWithoutErrorsAndWritesEveryPage() async throws {
        let (report, output, parent) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(report.diagnostics.errorCount == 0, "\(report.diagnostics.map { DiagnosticFormatter.human($0, color: false) })")
        #expect(!report.environmentError)
        let site = try #require(report.site)
        let tree = SiteTree(root: output, basePath: "/")

        // Every entry and top-level page, and the home page.
        var expected: [String] = []
        for entry in site.entries {
            switch entry.kind {
            case .entry, .page: expected.append(entry.sitePath + "index.html")
            case .home: expected.append("index.html")
            case .sectionIntro: expected.append(entry.id + "/index.html")
            }
        }
        #expect(site.entries.filter { $0.kind == .entry }.count > 50, "the bundled hub is not trivially small")
        // Every collection's index, every tag, the tag index, the map, 404 and the machine-readable files.
        expected += site.config.collections.map { $0.name + "/index.html" }
        #expect(!site.tags.isEmpty)
        expected += site.tags.map { "tags/\($0.slug)/index.html" }
        expected += ["index.html", "tags/index.html", "map/index.html", "404.html",
                     "sitemap.xml", "robots.txt", "graph.json", "llms.txt"]
        // And every page the index knows of, generated assessment pages included.
        for id in site.index.order {
            guard let page = site.index[id] else { continue }
            expected.append(page.outputFile)
        }
        let missing = Set(expected).filter { tree.files[$0] == nil }.sorted()
        #expect(missing.isEmpty, "not written: \(missing)")
        #expect(tree.files[OutputWriter.marker] != nil)
        #expect(report.pagesWritten == tree.htmlFiles.count)
        #expect(report.filesWritten + 1 == tree.files.count, "every reported file, plus the marker")

        // The written pages are what the pipeline says they are.
        let aht = try #require(tree.text("kpis/average-handle-time/index.html"))
        #expect(aht.contains("<h1>Average handle time"))
        #expect(tree.text("404.html")?.contains("Page not found") == true)
        #expect(tree.text("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")
        let sitemap = try #require(tree.text("sitemap.xml"))
        #expect(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"))
        #expect(sitemap.contains("<loc>https://example.org/kpis/average-handle-time/</loc>"))
        #expect(!sitemap.contains("404.html"))
        let graph = try #require(tree.files["graph.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: graph) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.contains { $0["id"] as? String == "kpis/average-handle-time" })
        #expect((json["edges"] as? [Any])?.isEmpty == false)
        let llms = try #require(tree.text("llms.txt"))
        #expect(llms.hasPrefix("# Beyond the Call Centre\n"))
        #expect(llms.contains("(https://example.org/kpis/average-handle-time/)"))
    }

    @Test func everyInternalLinkResolvesToAWrittenFile() async throws {
        let (report, output, parent) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(report.diagnostics.errorCount == 0)
        let tree = SiteTree(root: output, basePath: "/")
        #expect(tree.htmlFiles.count > 100)
        let urls = tree.rootRelativeURLs()
        #expect(urls.count > 1000, "the check looks at real links")
        let broken = tree.brokenLinks()
        #expect(broken.isEmpty, "\(broken.prefix(20))")
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let first = try await Self.build()
        defer { try? FileManager.default.removeItem(at: first.parent) }
        let second = try await Self.build()
        defer { try? FileManager.default.removeItem(at: second.parent) }
        #expect(first.report.diagnostics.errorCount == 0)
        let a = Hubs.snapshot(first.output)
        let b = Hubs.snapshot(second.output)
        #expect(a.count > 100)
        #expect(a.keys.sorted() == b.keys.sorted())
        let different = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(different.isEmpty, "files that differ between two builds: \(different)")
    }

    @Test func baseURLWithASubPathPrefixesEveryInternalURL() async throws {
        let (report, output, parent) = try await Self.build(baseURL: "https://example.org/cx-hub/")
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(report.diagnostics.errorCount == 0)
        let tree = SiteTree(root: output, basePath: "/cx-hub/")
        let urls = tree.rootRelativeURLs()
        #expect(urls.count > 1000)
        let outside = urls.filter { !$0.url.hasPrefix("/cx-hub/") }
        #expect(outside.isEmpty, "root-relative URLs without the base path: \(outside.prefix(20).map { "\($0.page): \($0.url)" })")
        let broken = tree.brokenLinks()
        #expect(broken.isEmpty, "\(broken.prefix(20))")

        // Absolute URLs to the hub's own origin carry the sub-path too, in every file.
        let absoluteURL = try NSRegularExpression(pattern: #"https://example\.org[^"'<>\s)]*"#)
        for (path, data) in tree.files where [".html", ".xml", ".txt", ".json"].contains(where: path.hasSuffix) {
            let text = String(decoding: data, as: UTF8.self)
            let wrong = SiteTree.matches(absoluteURL, in: text, group: 0).filter { !$0.hasPrefix("https://example.org/cx-hub/") }
            #expect(wrong.isEmpty, "\(path): \(wrong.prefix(5))")
        }
        #expect(tree.text("robots.txt")?.contains("Sitemap: https://example.org/cx-hub/sitemap.xml") == true)
        #expect(tree.text("sitemap.xml")?.contains("<loc>https://example.org/cx-hub/kpis/average-handle-time/</loc>") == true)
    }
}
