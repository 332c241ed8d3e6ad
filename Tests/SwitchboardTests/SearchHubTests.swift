import Foundation
import Testing
@testable import SwitchboardKit

/// Search on the bundled hub, end to end: the index the build writes, the facets it takes
/// from hub.yml, the ranking of the example queries, and the search page and box.
/// (The browser side is Tests/browser/search_test.py.)
@Suite("Search on the bundled hub")
struct SearchHubTests {
    static func build(baseURL: String? = nil) async throws -> (site: Site, output: URL, parent: URL) {
        let parent = Hubs.temporaryDirectory("sb-search")
        let output = parent.appendingPathComponent("public")
        let report = await Hubs.build(Hubs.repositoryRoot, output: output, baseURL: baseURL)
        #expect(report.diagnostics.errorCount == 0)
        return (try #require(report.site), output, parent)
    }

    static func engine(_ output: URL) throws -> SearchEngine {
        let folder = output.appendingPathComponent(SearchIndex.folder)
        return try #require(SearchEngine(read: { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }))
    }

    static func paths(_ engine: inout SearchEngine, _ query: String, finished: Bool = true) -> [String] {
        engine.search(query, finished: finished).prefix(10).map { engine.document($0.doc)?.path ?? "?" }
    }

    @Test func theExampleQueriesFindTheirPagesFirst() async throws {
        let (_, output, parent) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: parent) }
        var engine = try Self.engine(output)
        #expect(Self.paths(&engine, "handle time").first == "kpis/average-handle-time/")
        #expect(Self.paths(&engine, "handle ti", finished: false).first == "kpis/average-handle-time/")
        #expect(Self.paths(&engine, "containment rate").first == "kpis/containment-rate/")
        #expect(Self.paths(&engine, "red flags in outcome-based contracts").first == "questions/do-you-offer-outcome-based-contracts/")
        #expect(Self.paths(&engine, "AHT").first == "kpis/average-handle-time/", "an abbreviation field is indexed")
        // Every result of a collection lies in its range of document numbers.
        let results = engine.search("containment")
        #expect(results.contains { engine.group(of: $0.doc) == "kpis" } && results.contains { engine.group(of: $0.doc) == "glossary" })
        for result in results where engine.group(of: result.doc) == "kpis" {
            #expect(engine.document(result.doc)?.path.hasPrefix("kpis/") == true)
        }
    }

    @Test func facetsComeFromTheSchema() async throws {
        let (site, output, parent) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: parent) }
        let corpus = SearchCorpus.of(site: site)
        let names = corpus.facets.map(\.name)
        #expect(names.first == "tag")
        #expect(names.contains("kpis.generation") && names.contains("kpis.category") && names.contains("questions.stage")
                && names.contains("archetypes.sells"))
        let generation = try #require(corpus.facets.first { $0.name == "kpis.generation" })
        #expect(generation.collection == "kpis")
        #expect(generation.values.map(\.value) == ["legacy", "classic", "next-generation"])
        #expect(generation.values.map(\.label) == ["Legacy", "Classic", "Next generation"])
        #expect(corpus.facets.first { $0.name == "questions.stage" }?.label == "When to ask", "the schema's label")
        // Collections in hub.yml order, then the other pages; every entry indexed once.
        #expect(corpus.groups.map(\.name) == site.config.collections.map(\.name) + ["pages"])
        let entries = site.entries.filter { $0.kind == .entry }.count
        #expect(corpus.groups.dropLast().reduce(0) { $0 + $1.range.count } == entries)
        let paths = corpus.documents.map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(!paths.contains("search/") && !paths.contains("map/") && !paths.contains { $0.hasPrefix("tags/") })
        // The manifest says the same.
        let manifest = try #require(try? String(contentsOf: output.appendingPathComponent("search/manifest.json"), encoding: .utf8))
        #expect(manifest.contains("\"name\":\"kpis.generation\",\"label\":\"Generation\",\"collection\":\"kpis\""))
        #expect(manifest.contains("[\"next-generation\",\"Next generation\","))
    }

    @Test func theSearchPageAndBoxWorkUnderASubPath() async throws {
        let (_, output, parent) = try await Self.build(baseURL: "https://example.org/cx-hub/")
        defer { try? FileManager.default.removeItem(at: parent) }
        let tree = SiteTree(root: output, basePath: "/cx-hub/")
        let page = try #require(tree.text("search/index.html"))
        #expect(page.contains("<body class=\"kind-search\">"))
        #expect(page.contains("data-search-index=\"/cx-hub/search/manifest.json\""))
        #expect(page.contains("id=\"sb-search-nojs\""), "without JavaScript the page says so and links the collections")
        #expect(page.contains("href=\"/cx-hub/kpis/\""))
        let home = try #require(tree.text("index.html"))
        #expect(home.contains("<form class=\"site-search\" role=\"search\" aria-label=\"Site\" action=\"/cx-hub/search/\""))
        #expect(home.contains("<script src=\"/cx-hub/assets/search."), "the script is a fingerprinted asset")
        #expect(tree.brokenLinks().isEmpty)
        // The index is not a page: not in the sitemap, and the search page neither.
        let sitemap = try #require(tree.text("sitemap.xml"))
        #expect(!sitemap.contains("/search/"))
        // Page files hold URL paths relative to the site root, so the index does not depend on the base URL.
        let root = try await Self.build()
        defer { try? FileManager.default.removeItem(at: root.parent) }
        let a = Hubs.snapshot(output.appendingPathComponent("search")).filter { $0.key != "index.html" }
        let b = Hubs.snapshot(root.output.appendingPathComponent("search")).filter { $0.key != "index.html" }
        #expect(!a.isEmpty && a == b)
    }

    @Test func theIndexIsSmallAndDeterministic() async throws {
        let (_, output, parent) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (_, again, parent2) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: parent2) }
        let a = Hubs.snapshot(output.appendingPathComponent("search")), b = Hubs.snapshot(again.appendingPathComponent("search"))
        #expect(a == b)
        let js = try #require(Hubs.snapshot(output.appendingPathComponent("assets")).first { $0.key.hasPrefix("search.") }?.value)
        #expect(js.count < 15_000, "search.js is \(js.count) bytes")
        // What a query costs the reader, as a static host serves it (gzip): the scripts, the
        // manifest, the shards of its words and the files of its first ten results.
        var engine = try Self.engine(output)
        _ = Self.paths(&engine, "red flags in outcome-based contracts")
        let assets = Hubs.snapshot(output.appendingPathComponent("assets")).filter { $0.key.hasPrefix("search") }
        let served = try Set(engine.fetched).compactMap { a[$0] }.map(Self.gzipped).reduce(0, +)
            + assets.values.map(Self.gzipped).reduce(0, +)
        #expect(served < 100_000, "a query and its first ten results: \(served) bytes gzipped")
    }

    /// The size of `data` gzipped, as a static host would send it.
    static func gzipped(_ data: Data) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -6 -c | wc -c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let count = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return try #require(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
