import Foundation
import Testing
@testable import SwitchboardKit

/// hub.yml, templates and assessment data that are missing, malformed or hostile.
@Suite("Adversarial: hub.yml, templates and data files")
struct AdversarialConfigTests {
    @Test func missingHubConfigIsAnEnvironmentError() async throws {
        let box = try await Sandbox("no-config")
        try box.remove("content/hub.yml")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml SB001"], "\(report.human)")
        #expect(report.environmentError)
    }

    @Test func hubConfigThatIsAFolderOrUnreadable() async throws {
        let box = try await Sandbox("config-folder")
        try box.remove("content/hub.yml")
        try FileManager.default.createDirectory(at: box.url("content/hub.yml"), withIntermediateDirectories: false)
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml SB004"], "\(report.human)")
        #expect(report.environmentError)
    }

    @Test func emptyHubConfig() async throws {
        let box = try await Sandbox("empty-config")
        try box.write("content/hub.yml", "# nothing but a comment\n")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:1:1 SB003"], "\(report.human)")
    }

    @Test func hubConfigThatIsNotYAML() async throws {
        let box = try await Sandbox("config-syntax")
        try box.write("content/hub.yml", "title: \"Fixture\nbase_url: [\n")
        let report = await box.build()
        #expect(report.summaries.count == 1 && report.diagnostics[0].code == .hubConfigSyntax, "\(report.human)")
        #expect(report.diagnostics[0].location?.file == "content/hub.yml" && (report.diagnostics[0].location?.line ?? 0) >= 1)
    }

    @Test func hubConfigThatIsAList() async throws {
        let box = try await Sandbox("config-list")
        try box.write("content/hub.yml", "- title\n- base_url\n")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:1:1 SB003"], "\(report.human)")
    }

    @Test func hubConfigAliasBomb() async throws {
        let box = try await Sandbox("config-bomb")
        var yaml = "title: Bomb\nbase_url: https://example.org/\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try box.write("content/hub.yml", yaml)
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:1:1 SB002"], "\(report.human)")
    }

    @Test func unknownKeysAndWrongTypesEverywhere() async throws {
        let box = try await Sandbox("config-types")
        try box.write("content/hub.yml", """
            title: [not, text]
            base_url: 42
            langauge: en
            markdown: {smart_punctuation: maybe, unsafe_html: 1, toc_levels: 9, extra: x}
            graph: {max_depth: deep, orphans: "no", related: -5}
            menus:
              main: {title: x}
              footer: [{title: A}, 7, {title: B, link: kpis, target: _blank}]
            collections:
              kpis:
                folder: ../kpis
                sort: -colour
                fields:
                  unit: {type: strnig}
                  title: string
                  2fast: string
                  level: {type: enum}
                  parts: {type: list, of: ref}
                  score: {type: scores}
                  target: {type: ref, collection: nowhere}
              Glossary: {}
              tags: {}
              glossary: [a, b]
            assessments:
              "bad id": {rubric: x.yml}
              maturity: {rubric: [a], path: "a b"}
            page_layout: {a: b}

            """)
        let report = await box.build()
        // Every key and value of hub.yml at its place; then what follows from collections that
        // could not be declared (their files belong to no collection, links to them break).
        #expect(report.summaries == [
            "content/archetypes/ai-first.md:1:1 SB108", "content/archetypes/labour-shop.md:1:1 SB108",
            "content/glossary/containment.md:6:21 SB300",
            "content/hub.yml:1:8 SB003", "content/hub.yml:2:11 SB007", "content/hub.yml:3:1 SB003",
            "content/hub.yml:4:31 SB003", "content/hub.yml:4:51 SB003", "content/hub.yml:4:66 SB003", "content/hub.yml:4:69 SB003",
            "content/hub.yml:5:20 SB003", "content/hub.yml:5:35 SB003", "content/hub.yml:7:9 SB003",
            "content/hub.yml:8:12 SB003", "content/hub.yml:8:24 SB003", "content/hub.yml:8:50 SB003",
            "content/hub.yml:11:13 SB003", "content/hub.yml:12:11 SB003", "content/hub.yml:14:20 SB003", "content/hub.yml:15:7 SB003",
            "content/hub.yml:16:7 SB003", "content/hub.yml:17:7 SB003", "content/hub.yml:18:31 SB003", "content/hub.yml:19:7 SB003",
            "content/hub.yml:20:7 SB003", "content/hub.yml:21:3 SB003", "content/hub.yml:22:3 SB003", "content/hub.yml:23:13 SB003",
            "content/hub.yml:25:3 SB003", "content/hub.yml:26:22 SB003", "content/hub.yml:27:14 SB003",
            "content/index.md:4:12 SB300", "content/index.md:5:1 SB300", "content/index.md:7:13 SB300",
            "content/kpis/average-handle-time.md:1:1 SB108", "content/kpis/containment.md:1:1 SB108", "content/kpis/retired-metric.md:1:1 SB108",
        ], "\(report.human)")
    }

    @Test func templateThatRecursesIntoItself() async throws {
        let box = try await Sandbox("template-recursion")
        try box.write("templates/partials/a.mustache", "A {{> partials/b}}\n")
        try box.write("templates/partials/b.mustache", "B {{> partials/a}}\n")
        try box.write("templates/entry.mustache", "{{<base}}{{$main}}{{> entry}}{{> partials/a}}{{/main}}{{/base}}\n")
        let report = await box.build()
        #expect(report.summaries == ["templates/entry.mustache:1:19 SB202", "templates/partials/a.mustache:1:3 SB202"], "\(report.human)")
    }

    @Test func templateThatInheritsFromItself() async throws {
        let box = try await Sandbox("template-parent-loop")
        try box.write("templates/base.mustache", "{{<page}}{{$main}}x{{/main}}{{/page}}\n")
        let report = await box.build()
        #expect(report.failed)
        #expect(report.diagnostics.allSatisfy { $0.code == .templateRecursion && $0.location?.file.hasPrefix("templates/") == true }, "\(report.human)")
    }

    @Test func templateSyntaxErrors() async throws {
        let box = try await Sandbox("template-syntax")
        try box.write("templates/page.mustache", "{{#section}}never closed\n")
        try box.write("templates/tag.mustache", "{{unclosed\n")
        try box.write("templates/tags.mustache", "{{=<% %>=}}<%#a%>x<%/b%>\n")
        let report = await box.build()
        #expect(report.summaries.count == 3 && report.diagnostics.allSatisfy { $0.code == .templateSyntax }, "\(report.human)")
        #expect(report.diagnostics.map { $0.location?.file } == ["templates/page.mustache", "templates/tag.mustache", "templates/tags.mustache"])
    }

    @Test func csvWithAQuoteNeverClosed() async throws {
        let box = try await Sandbox("csv-quote")
        try box.write("content/data/vendors.csv", "id,name,note,ai-core,commercial\nacme,\"Acme, Inc.,never closed,2,1\nbravo,Bravo,n,3,3\n")
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv:2:6 SB407"], "\(report.human)")
    }

    @Test func csvTextAfterAClosingQuoteAndRaggedRows() async throws {
        let box = try await Sandbox("csv-ragged")
        try box.write("content/data/vendors.csv", "id,name,note,ai-core,commercial\nacme,\"Acme\" Inc,n,2,1\n")
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv:2:13 SB407"], "\(report.human)")
        try box.write("content/data/vendors.csv", "id,name,note,ai-core,commercial\nacme,Acme,n,2\nbravo,Bravo,n,3,3,extra\n")
        let second = await box.build()
        #expect(second.summaries == ["content/data/vendors.csv:2:5 SB406", "content/data/vendors.csv:3:6 SB406"], "\(second.human)")
    }

    @Test func csvThatIsEmptyOrOnlyAHeader() async throws {
        let box = try await Sandbox("csv-empty")
        try box.write("content/data/vendors.csv", "")
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv:1:1 SB407"], "\(report.human)")
        try box.write("content/data/vendors.csv", "id,name,note,ai-core,commercial\n")
        let second = await box.build()
        #expect(second.summaries.isEmpty, "a header without vendors is an assessment without vendors: \(second.human)")
    }

    @Test func csvScoresThatAreNotNumbersOrOffTheScale() async throws {
        let box = try await Sandbox("csv-scores")
        try box.write("content/data/vendors.csv", "id,name,note,ai-core,commercial\na,A,n,nan,inf\nb,B,n,1e308,-0\nc,C,n,0x10,\n")
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv:2:4 SB404", "content/data/vendors.csv:2:5 SB404",
                                     "content/data/vendors.csv:3:4 SB403", "content/data/vendors.csv:3:5 SB403",
                                     "content/data/vendors.csv:4:4 SB403", "content/data/vendors.csv:4:5 SB402"], "\(report.human)")
    }

    @Test func rubricWithHugeNumbers() async throws {
        let box = try await Sandbox("rubric-numbers")
        try box.edit("content/data/rubric.yml", replacing: "  min: 1\n  max: 5", with: "  min: -9223372036854775808\n  max: 9223372036854775807")
        let report = await box.build()
        #expect(report.summaries == ["content/data/rubric.yml:4:3 SB400"], "\(report.human)")
        try box.edit("content/data/rubric.yml", replacing: "  min: -9223372036854775808\n  max: 9223372036854775807", with: "  min: 1\n  max: 5")
        try box.edit("content/data/rubric.yml", replacing: "    weight: 2", with: "    weight: 1e308")
        try box.edit("content/data/rubric.yml", replacing: "    name: \"Commercial model\"", with: "    name: \"Commercial model\"\n    weight: 1.7976931348623157e308")
        let second = await box.build()
        #expect(second.summaries == ["content/data/rubric.yml:9:13 SB400", "content/data/rubric.yml:14:13 SB400"], "\(second.human)")
        try box.edit("content/data/rubric.yml", replacing: "    weight: 1e308", with: "    weight: -2")
        try box.edit("content/data/rubric.yml", replacing: "    weight: 1.7976931348623157e308", with: "    weight: .inf")
        let third = await box.build()
        #expect(third.summaries == ["content/data/rubric.yml:9:13 SB400", "content/data/rubric.yml:14:13 SB400"], "\(third.human)")
    }

    @Test func rubricScaleNearTheLimitsOfInt() async throws {
        let box = try await Sandbox("rubric-int-max")
        try box.edit("content/data/rubric.yml", replacing: "  min: 1\n  max: 5", with: "  min: 9223372036854775803\n  max: 9223372036854775807")
        let report = await box.build()
        #expect(report.summaries.first == "content/archetypes/ai-first.md:6:13 SB403" || report.summaries.contains("content/data/rubric.yml:4:3 SB400"),
                "\(report.human)")
        #expect(report.summaries.contains("content/data/rubric.yml:4:3 SB400"), "\(report.human)")
    }

    @Test func rubricThatIsMissing() async throws {
        let box = try await Sandbox("rubric-missing")
        try box.remove("content/data/rubric.yml")
        let report = await box.build()
        #expect(report.summaries.contains("content/hub.yml:42:3 SB400"), "\(report.human)")
        #expect(report.diagnostics.allSatisfy { $0.location?.file.isEmpty == false })
    }

    @Test func archetypeScoresThatAreNotNumbers() async throws {
        let box = try await Sandbox("archetype-scores")
        try box.edit("content/archetypes/ai-first.md", replacing: "  commercial: 4", with: "  commercial: .nan\n  unknown: 3")
        try box.edit("content/archetypes/labour-shop.md", replacing: "scores:", with: "scores: [1, 2]\nold_scores:")
        let report = await box.build()
        #expect(report.summaries == ["content/archetypes/ai-first.md:4:1 SB402", "content/archetypes/ai-first.md:6:15 SB404",
                                     "content/archetypes/ai-first.md:7:3 SB401", "content/archetypes/labour-shop.md:4:9 SB102",
                                     "content/archetypes/labour-shop.md:5:1 SB101"], "\(report.human)")
    }

    @Test func poisonedBuildCacheCannotDeleteOutsideTheOutput() async throws {
        let box = try await Sandbox("poisoned-cache", previousOutput: false)
        let victim = box.root.appendingPathComponent("out/victim.txt")
        try Data("keep me".utf8).write(to: victim)
        var options = BuildOptions()
        options.root = box.hub.path
        options.output = box.output.path
        let first = await Builder.build(options)
        var cache = try #require(first.cache)
        // A cache that claims the last build wrote files outside the output folder: an in-place
        // update deletes what the new build no longer writes.
        cache.outputs["../../../victim.txt"] = 1
        cache.outputs["/etc/hostname-nope"] = 2
        try box.kpi("new-entry")
        options.cache = cache
        let second = await Builder.build(options)
        #expect(second.summaries.isEmpty, "\(second.human)")
        #expect(FileManager.default.fileExists(atPath: victim.path), "nothing outside the output is deleted")
        // From disk, such a cache is not even read.
        await cache.save(root: box.hub.path)
        #expect(BuildCache.load(root: box.hub.path).isEmpty)
    }

    @Test func corruptBuildCacheIsIgnored() async throws {
        let box = try await Sandbox("corrupt-cache")
        // The cache's header (this version's), then a list of one entry whose path claims
        // Int.max bytes.
        var bytes = Array("SWBC".utf8) + (0..<8).map { UInt8(truncatingIfNeeded: BuildCache.formatVersion >> (8 * UInt64($0))) }
        bytes += [1] + [UInt8](repeating: 0xFF, count: 9) + [0x00]
        try FileManager.default.createDirectory(at: box.url(".switchboard"), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: BuildCache.path(root: box.hub.path)))
        #expect(BuildCache.load(root: box.hub.path).isEmpty)
        for garbage: [UInt8] in [[], Array("SWBC".utf8), Array(repeating: 0xFF, count: 4096), bytes.reversed()] {
            try Data(garbage).write(to: URL(fileURLWithPath: BuildCache.path(root: box.hub.path)))
            var options = BuildOptions()
            options.root = box.hub.path
            options.output = box.output.path
            options.cache = BuildCache.load(root: box.hub.path)
            let report = await Builder.build(options)
            #expect(report.summaries.isEmpty, "\(report.human)")
        }
    }
}
