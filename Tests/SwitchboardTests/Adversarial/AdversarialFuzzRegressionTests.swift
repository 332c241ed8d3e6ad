import Foundation
import Testing
@testable import SwitchboardKit

/// Every seed of the fuzz corpora (`Fuzz/corpus/<target>`) and every input that once crashed
/// or broke an invariant (`Fuzz/regressions/<target>`), run through the same code as the fuzz
/// targets with the same checks, in the ordinary test suite: a crash the fuzzer found stays
/// fixed. `scripts/fuzz --replay` does the same with the fuzz targets themselves.
@Suite("Adversarial: fuzz corpora and regressions")
struct AdversarialFuzzRegressionTests {
    static let fuzz = Hubs.repositoryRoot.appendingPathComponent("Fuzz")

    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        var result: [(String, [UInt8])] = []
        for folder in ["corpus", "regressions"] {
            let url = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            for name in names {
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else { continue }
                result.append(("\(folder)/\(target)/\(name)", [UInt8](data)))
            }
        }
        return result
    }

    @Test func corporaAreThere() {
        for target in ["FuzzFrontMatter", "FuzzMarkdown", "FuzzLinks", "FuzzVendors"] {
            #expect(Self.inputs(target).count >= 20, "\(target) has a seed corpus")
        }
        #expect(Self.inputs("FuzzMarkdown").contains { $0.name.hasSuffix("deep-emphasis-stack-overflow.md") })
    }

    @Test func frontMatterInputs() throws {
        let hub = """
            title: Fuzz
            base_url: https://example.org/hub/
            collections:
              kpis:
                fields:
                  unit: {type: string, required: true}
                  level: {type: enum, values: [a, b], default: a}
                  since: date
                  parts: {type: list, of: integer}
                  rel: {type: ref, collection: kpis}
                  scores: {type: scores, assessment: m}
            assessments:
              m: {rubric: data/rubric.yml}
            """
        let config = try #require(HubConfigLoader.load(text: hub).0)
        let placement = EntryLoader.Placement(id: "kpis/x", kind: .entry, collection: "kpis", slug: "x")
        for (name, bytes) in Self.inputs("FuzzFrontMatter") {
            guard case .success(let text) = SourceText.decode(bytes) else { continue }
            let lines = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let (_, diagnostics) = EntryLoader.load(text: text, placement: placement, source: "content/kpis/x.md", config: config)
            for d in diagnostics {
                #expect(d.location?.file == "content/kpis/x.md" || d.location?.file == HubConfigLoader.path, "\(name): \(d)")
                #expect((d.location?.line ?? 0) <= lines + 1, "\(name): \(d)")
            }
            _ = HubConfigLoader.load(text: text)
        }
    }

    @Test func duplicateKeysPointAtTheRepeat() throws {
        let text = try #require(String(bytes: Self.inputs("FuzzFrontMatter").first { $0.name.hasSuffix("duplicate-key-repeat-line.md") }!.bytes,
                                       encoding: .utf8))
        let placement = EntryLoader.Placement(id: "kpis/x", kind: .entry, collection: "kpis", slug: "x")
        let config = try #require(HubConfigLoader.load(text: "title: x\nbase_url: https://example.org/\ncollections: {kpis: {fields: {unit: string}}}\n").0)
        let (_, diagnostics) = EntryLoader.load(text: text, placement: placement, source: "content/kpis/x.md", config: config)
        #expect(diagnostics.map(Hubs.summary) == ["content/kpis/x.md:5:1 SB112"])
        #expect(diagnostics.first?.hint?.contains("the first is on line 3") == true)
    }

    @Test func markdownInputs() {
        for (name, bytes) in Self.inputs("FuzzMarkdown") {
            guard let flags = bytes.first else { continue }
            let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
            let options = MarkdownOptions(smartPunctuation: flags & 1 != 0, unsafeHTML: flags & 2 != 0, hardBreaks: flags & 4 != 0)
            let analysis = MarkdownRenderer.analyse(text, options: options, lineOffset: 7, file: "content/kpis/x.md", template: true)
            #expect(analysis.links.allSatisfy { $0.line >= 8 && $0.column >= 1 }, "\(name)")
            let resolved = analysis.links.indices.map { i -> ResolvedLink? in
                (i + 1) % 3 == 0 ? nil : ResolvedLink(url: "/hub/kpis/x/#a\"<b>", label: "T<i>\"&'")
            }
            var n = 0
            let html = MarkdownRenderer.render(text, options: options, lineOffset: 7, file: "content/kpis/x.md") { _ in
                defer { n += 1 }
                return n < resolved.count ? resolved[n] : nil
            }
            #expect(n == analysis.links.count, "\(name)")
            // The body kept while analysing (`BodyTemplate`), filled in, is the body rendered again.
            if let template = analysis.template {
                #expect(template.filled(links: analysis.links, resolved: resolved, unsafeHTML: options.unsafeHTML) == html, "\(name)")
            }
            if !options.unsafeHTML {
                let problems = SafeHTML.check(html).filter { !$0.hasPrefix("unclosed comment") }
                #expect(problems.isEmpty, "\(name): \(problems.prefix(3))")
            }
        }
    }

    @Test func linkInputs() {
        var index = SiteIndex()
        index.add(Page(id: "index", title: "Home", kind: .home, sitePath: ""), source: "content/index.md")
        index.add(Page(id: "kpis/aht", title: "AHT", kind: .entry, sitePath: "kpis/aht/", collection: "kpis", anchors: ["formula"], entryIndex: 0),
                  source: "content/kpis/aht.md")
        index.add(Page(id: "glossary/aht", title: "AHT", kind: .entry, sitePath: "glossary/aht/", collection: "glossary", entryIndex: 1),
                  source: "content/glossary/aht.md")
        let resolver = LinkResolver(index: index, baseURL: BaseURL("https://example.org/hub/")!)
        let page = index["kpis/aht"]!
        for (name, bytes) in Self.inputs("FuzzLinks") {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                let target = String(line)
                for form in [LinkForm.markdown, .wikilink, .image] {
                    let link = MarkdownLink(target: target, form: form, hasLabel: true, label: "l", line: 3, column: 5, contextBefore: "", contextAfter: "")
                    if case .internal(_, let url) = resolver.resolve(link, from: page, source: "content/kpis/aht.md") {
                        #expect(url.hasPrefix("/hub/") || url.hasPrefix("#"), "\(name): \(target) → \(url)")
                    }
                }
                if let path = AliasBuilder.sitePath(target) {
                    #expect(OutputFile.isSafe(path.hasSuffix("/") ? path + "index.html" : path), "\(name): \(target)")
                }
                let slug = Slug.make(target)
                #expect(slug.isEmpty || Slug.isValid(slug), "\(name): \(target)")
            }
        }
    }

    @Test func vendorAndRubricInputs() throws {
        let rubric = try #require(RubricLoader.load(text: """
            scale: {min: 1, max: 5}
            dimensions:
              - {id: ai-core, name: AI, weight: 2, levels: [a, b, c, d, e]}
              - {id: commercial, name: C, weight: 0.5, levels: [a, b, c, d, e]}
              - {id: people, name: P, levels: [a, b, c, d, e]}
            """, file: "content/data/rubric.yml").0)
        let archetype = ScoredSubject(id: "archetypes/a", title: "A", note: nil, scores: ["ai-core": 5, "commercial": 1, "people": 3],
                                      evidence: [:], pageID: "archetypes/a", isArchetype: true)
        for (name, bytes) in Self.inputs("FuzzVendors") {
            guard case .success(let text) = SourceText.decode(bytes) else { continue }
            for file in ["content/data/v.csv", "content/data/v.yml"] {
                let (vendors, diagnostics) = VendorLoader.load(text: text, file: file, rubric: rubric, pagePath: "compare")
                #expect(diagnostics.allSatisfy { $0.location?.file == file }, "\(name)")
                for vendor in vendors {
                    #expect(Slug.isValid(vendor.id), "\(name): \(vendor.id)")
                    #expect(Scoring.weightedScore(vendor, rubric: rubric).isFinite, "\(name)")
                    #expect(Scoring.ranked(vendor, among: [archetype], rubric: rubric).allSatisfy { $0.1.isFinite }, "\(name)")
                }
            }
            if let other = RubricLoader.load(text: text, file: "content/data/other.yml").0 {
                #expect((2...21).contains(other.scale.count), "\(name): \(other.scale)")
                #expect(other.dimensions.allSatisfy { $0.weight.isFinite && $0.weight <= 1_000_000 }, "\(name)")
                let weighted = Scoring.weightedScore(archetype, rubric: other)
                #expect(weighted.isFinite, "\(name)")
                _ = Scoring.format(weighted)
                _ = Scoring.percent(weighted, scale: other.scale)
            }
        }
    }
}
