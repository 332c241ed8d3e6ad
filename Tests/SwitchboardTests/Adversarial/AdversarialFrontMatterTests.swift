import Foundation
import Testing
@testable import SwitchboardKit

/// Malformed front matter and YAML of every kind: each is one diagnostic at the exact place,
/// and nothing is written.
@Suite("Adversarial: front matter and YAML")
struct AdversarialFrontMatterTests {
    @Test func frontMatterThatNeverCloses() async throws {
        let box = try await Sandbox("unclosed")
        try box.write("content/kpis/open.md", "---\ntitle: Open\nunit: s\ngeneration: legacy\n\nBody text that is not YAML.\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/open.md:1:1 SB106"], "\(report.human)")
    }

    @Test func frontMatterOpenedOnTheLastLineWithoutNewline() async throws {
        let box = try await Sandbox("unclosed-eof")
        try box.write("content/kpis/open.md", "---")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/open.md:1:1 SB106"], "\(report.human)")
    }

    @Test func mappingValueInsidePlainScalar() async throws {
        let box = try await Sandbox("yaml-colon")
        try box.kpi("colon", frontMatter: "summary: a: b\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/colon.md:5:11 SB100"], "\(report.human)")
    }

    @Test func unterminatedQuotedString() async throws {
        let box = try await Sandbox("yaml-quote")
        try box.kpi("quote", frontMatter: "summary: \"never closed\ntags: [a]\n")
        let report = await box.build()
        #expect(report.summaries.count == 1 && report.summaries[0].hasPrefix("content/kpis/quote.md:"), "\(report.human)")
        #expect(report.diagnostics.first?.code == .frontMatterSyntax)
        #expect(report.diagnostics.first?.location?.line ?? 0 >= 5)
    }

    @Test func tabsUsedForIndentation() async throws {
        let box = try await Sandbox("yaml-tabs")
        try box.kpi("tabs", frontMatter: "tags:\n\t- a\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/tabs.md:6:1 SB100"], "\(report.human)")
        #expect(report.diagnostics.first?.hint?.contains("not tabs") == true)
    }

    @Test func duplicateKeys() async throws {
        let box = try await Sandbox("yaml-dup")
        try box.kpi("dup", frontMatter: "unit: minutes\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/dup.md:5:1 SB112"], "\(report.human)")
        #expect(report.diagnostics.first?.message.contains("'unit'") == true)
    }

    @Test func billionLaughsAliasBomb() async throws {
        let box = try await Sandbox("yaml-bomb")
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = Character(UnicodeScalar(UInt8(96 + level)))
            let name = Character(UnicodeScalar(UInt8(97 + level)))
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        try box.write("content/kpis/bomb.md", "---\ntitle: Bomb\nunit: s\ngeneration: legacy\n\(yaml)---\nBody.\n")
        let clock = ContinuousClock.now
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/bomb.md:2:1 SB100"], "\(report.human)")
        #expect(report.diagnostics.first?.message.contains("more than") == true)
        #expect(ContinuousClock.now - clock < .seconds(20), "refused quickly, not expanded")
    }

    @Test func aliasToAnAnchorThatDoesNotExist() async throws {
        let box = try await Sandbox("yaml-alias")
        try box.kpi("alias", frontMatter: "summary: *nowhere\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/alias.md:5:10 SB100"], "\(report.human)")
    }

    @Test func listWhereAMappingIsExpected() async throws {
        let box = try await Sandbox("fm-list")
        try box.write("content/kpis/list.md", "---\n- title\n- unit\n---\nBody.\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/list.md:2:1 SB107"], "\(report.human)")
    }

    @Test func plainTextWhereAMappingIsExpected() async throws {
        let box = try await Sandbox("fm-scalar")
        try box.write("content/kpis/scalar.md", "---\nJust a sentence.\n---\nBody.\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/scalar.md:2:1 SB107"], "\(report.human)")
    }

    @Test func mappingWhereAListIsExpectedAndListWhereTextIsExpected() async throws {
        let box = try await Sandbox("fm-types")
        try box.write("content/kpis/types.md", "---\ntitle: [a, b]\nunit: {x: 1}\ngeneration: legacy\ntags: {a: b}\naliases: /old/\n---\nBody.\n")
        let report = await box.build()
        #expect(report.summaries == [
            "content/kpis/types.md:2:8 SB102",
            "content/kpis/types.md:3:7 SB102",
            "content/kpis/types.md:5:7 SB102",
            "content/kpis/types.md:6:10 SB102",
        ], "\(report.human)")
    }

    @Test func complexKeysAreRefused() async throws {
        let box = try await Sandbox("fm-complex-key")
        try box.kpi("complex", frontMatter: "? [a, b]\n: value\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/complex.md:5:3 SB107"], "\(report.human)")
    }

    @Test func emptyFrontMatterAndWhitespaceTitle() async throws {
        let box = try await Sandbox("fm-empty")
        try box.write("content/glossary/empty.md", "---\n---\nBody.\n")
        try box.write("content/glossary/blank.md", "---\ntitle: \"   \"\n---\nBody.\n")
        let report = await box.build()
        #expect(report.summaries == ["content/glossary/blank.md:2:8 SB103", "content/glossary/empty.md:1:1 SB103"], "\(report.human)")
    }

    @Test func hugeNumbersNegativeWeightsAndOverflow() async throws {
        let box = try await Sandbox("fm-numbers")
        try box.kpi("huge", frontMatter: "weight: 99999999999999999999999999\n")
        try box.kpi("negative", frontMatter: "weight: -9223372036854775808\n")
        try box.kpi("float", frontMatter: "weight: 1e400\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/float.md:5:9 SB102", "content/kpis/huge.md:5:9 SB102"], "\(report.human)")
    }

    @Test func negativeWeightsSortAndBuild() async throws {
        let box = try await Sandbox("fm-negative")
        try box.edit("content/archetypes/ai-first.md", replacing: "weight: 2", with: "weight: -9223372036854775808")
        try box.edit("content/archetypes/labour-shop.md", replacing: "weight: 1", with: "weight: 9223372036854775807")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        let list = try #require(box.page("archetypes/index.html"))
        let first = try #require(list.range(of: "AI-first operator")), second = try #require(list.range(of: "Labour shop"))
        #expect(first.lowerBound < second.lowerBound, "the lowest weight comes first")
    }

    @Test func impossibleDates() async throws {
        let box = try await Sandbox("fm-dates")
        try box.kpi("feb30", frontMatter: "updated: 2026-02-30\n")
        try box.kpi("leap2100", frontMatter: "updated: 2100-02-29\n")
        try box.kpi("month13", frontMatter: "updated: 2026-13-01\n")
        try box.kpi("leap2024", frontMatter: "updated: 2024-02-29\n")
        try box.kpi("words", frontMatter: "updated: next tuesday\n")
        let report = await box.build()
        #expect(report.summaries == [
            "content/kpis/feb30.md:5:10 SB105", "content/kpis/leap2100.md:5:10 SB105",
            "content/kpis/month13.md:5:10 SB105", "content/kpis/words.md:5:10 SB105",
        ], "\(report.human)")
        #expect(report.diagnostics[0].hint == "that day does not exist")
    }

    @Test func yamlTagsAndAnchorsAreJustText() async throws {
        let box = try await Sandbox("fm-tags")
        try box.kpi("tagged", frontMatter: "summary: !!python/object:os.system \"rm -rf /\"\ncategory: &c quality\n")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        // Tags are not interpreted: the value is the text after them.
        #expect(report.site?.entry("kpis/tagged")?.summary == "rm -rf /")
        #expect(report.site?.entry("kpis/tagged")?.fields["category"]?.displayText == "quality")
    }

    @Test func deeplyNestedFlowCollections() async throws {
        let box = try await Sandbox("fm-nested")
        let depth = 100_000
        try box.kpi("nested", frontMatter: "summary: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        let report = await box.build()
        // libyaml stops at its nesting limit, long before our stack would.
        #expect(report.summaries == ["content/kpis/nested.md:5:11 SB100"], "\(report.human)")
        #expect(report.diagnostics.first?.message.contains("nesting level") == true)
    }

    @Test func frontMatterKeysThatAreNotDeclared() async throws {
        let box = try await Sandbox("fm-unknown")
        try box.kpi("unknown", frontMatter: "__proto__: x\nconstructor: y\n\"<script>\": z\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/unknown.md:5:1 SB101", "content/kpis/unknown.md:6:1 SB101",
                                     "content/kpis/unknown.md:7:1 SB101"], "\(report.human)")
    }
}
