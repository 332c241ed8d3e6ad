import Foundation
import Testing
@testable import SwitchboardKit

@Suite("hub.yml")
struct HubConfigTests {
    static let file = "content/hub.yml"
    static func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func bundledHubConfigLoadsCleanly() throws {
        let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("content/hub.yml"), encoding: .utf8)
        let (config, diagnostics) = HubConfigLoader.load(text: text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let hub = try #require(config)
        #expect(hub.title == "Beyond the Call Centre")
        #expect(hub.collections.map(\.name).contains("kpis"))
        #expect(hub.assessments.map(\.id) == ["bpo-maturity"])
        #expect(hub.assessments.first?.path == "compare")
    }

    @Test func minimalConfigGetsDefaults() throws {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: Minimal
        base_url: https://example.org/docs
        collections:
          kpis: {}
        """)
        #expect(diagnostics.isEmpty)
        let hub = try #require(config)
        #expect(hub.title == "Minimal")
        #expect(hub.language == "en")
        #expect(hub.baseURL.origin == "https://example.org")
        #expect(hub.baseURL.path == "/docs/")
        #expect(hub.pageLayout == "page")
        #expect(hub.markdown.smartPunctuation)
        #expect(!hub.markdown.unsafeHTML)
        #expect(hub.graph.maxDepth == 3)
        let kpis = try #require(hub.collection(named: "kpis"))
        #expect(kpis.folder == "kpis")
        #expect(kpis.layout == "entry")
        #expect(kpis.listLayout == "list")
        #expect(kpis.sort == .title)
        #expect(!kpis.descending)
        #expect(kpis.title == "Kpis")
        #expect(kpis.location == Self.at(4, 3))
    }

    @Test func collectionSettingsAreRead() throws {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        page_layout: plain
        markdown: {smart_punctuation: false, unsafe_html: true, hard_breaks: true, toc_levels: 3}
        graph: {max_depth: 5, orphans: false, related: 2}
        collections:
          guides:
            title: Guides
            folder: playbooks
            layout: guide
            list_layout: guide-list
            sort: -updated
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let hub = try #require(config)
        #expect(hub.pageLayout == "plain")
        #expect(!hub.markdown.smartPunctuation && hub.markdown.unsafeHTML && hub.markdown.hardBreaks)
        #expect(hub.markdown.tocLevels == 2...4)
        #expect(hub.graph.maxDepth == 5 && !hub.graph.warnOrphans && hub.graph.relatedCount == 2)
        let guides = try #require(hub.collection(inFolder: "playbooks"))
        #expect(guides.name == "guides")
        #expect(guides.layout == "guide")
        #expect(guides.layoutLocation == Self.at(10, 13))
        #expect(guides.listLayout == "guide-list")
        #expect(guides.sort == .updated)
        #expect(guides.descending)
    }

    @Test func fieldDeclarationsInLongAndShortForm() throws {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        collections:
          kpis:
            fields:
              unit: string
              generation:
                type: enum
                values: [legacy, next]
                required: true
                label: "Generation of KPI"
              replaces:
                type: refs
                collection: kpis
                inverse_label: "Replaced by"
              sources:
                type: list
                of: date
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let kpis = try #require(config?.collection(named: "kpis"))
        #expect(kpis.fields.map(\.name) == ["unit", "generation", "replaces", "sources"])
        #expect(kpis.fields.map(\.type) == [.string, .enum, .refs, .list])
        let generation = try #require(kpis.field(named: "generation"))
        #expect(generation.required)
        #expect(generation.values == ["legacy", "next"])
        #expect(generation.label == "Generation of KPI")
        #expect(generation.location == Self.at(7, 7))
        #expect(kpis.field(named: "unit")?.label == "Unit")
        #expect(kpis.field(named: "replaces")?.collection == "kpis")
        #expect(kpis.field(named: "replaces")?.inverseLabel == "Replaced by")
        #expect(kpis.field(named: "sources")?.itemType == .date)
    }

    @Test func syntaxErrorIsSB002AndYieldsNoConfig() {
        let (config, diagnostics) = HubConfigLoader.load(text: "title: T\nbase_url: [https://example.org/\n")
        #expect(config == nil)
        #expect(diagnostics.map(\.code) == [.hubConfigSyntax])
        #expect(diagnostics.first?.location?.file == Self.file)
    }

    @Test func emptyConfigIsInvalid() {
        let (config, diagnostics) = HubConfigLoader.load(text: "# nothing\n")
        #expect(config == nil)
        #expect(diagnostics.map(\.code) == [.hubConfigInvalid])
        #expect(diagnostics.first?.message == "hub.yml is empty")
    }

    @Test func titleAndBaseURLAreRequired() {
        let (_, diagnostics) = HubConfigLoader.load(text: "language: en\n")
        #expect(diagnostics.map(\.message) == ["hub.yml needs 'title'", "hub.yml needs 'base_url'"])
        #expect(diagnostics.allSatisfy { $0.location == Self.at(1, 1) })
    }

    @Test func unknownTopLevelKeyGetsSuggestion() throws {
        let (_, diagnostics) = HubConfigLoader.load(text: "title: T\nbase_url: https://example.org/\ncolections: {}\n")
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == .hubConfigInvalid)
        #expect(diagnostics[0].message == "unknown key 'colections' in hub.yml")
        #expect(diagnostics[0].location == Self.at(3, 1))
        #expect(diagnostics[0].hint == "did you mean 'collections'?")
    }

    @Test func badBaseURLIsReportedAtTheValue() {
        let (config, diagnostics) = HubConfigLoader.load(text: "title: T\nbase_url: example.org\n")
        #expect(diagnostics.map(\.code) == [.badBaseURL])
        #expect(diagnostics.first?.location == Self.at(2, 11))
        #expect(config?.baseURL.path == "/", "the build can still go on to report other problems")
    }

    @Test func baseURLOverrideWinsAndIsValidated() {
        let yaml = "title: T\nbase_url: https://example.org/\n"
        let (config, diagnostics) = HubConfigLoader.load(text: yaml, baseURLOverride: "https://example.org/cx-hub")
        #expect(diagnostics.isEmpty)
        #expect(config?.baseURL.path == "/cx-hub/")
        let (_, bad) = HubConfigLoader.load(text: yaml, baseURLOverride: "/cx-hub/")
        #expect(bad.map(\.code) == [.badBaseURL])
        #expect(bad.first?.location == nil)
    }

    @Test func wrongTypesInSettingsAreReportedAtTheirValues() throws {
        let (_, diagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        markdown:
          unsafe_html: sometimes
          toc_levels: 9
        graph:
          max_depth: deep
        """)
        try #require(diagnostics.map(\.location) == [Self.at(4, 16), Self.at(5, 15), Self.at(7, 14)])
        #expect(diagnostics[0].message == "'unsafe_html' in markdown must be true or false, found the text 'sometimes'")
        #expect(diagnostics[1].message == "markdown.toc_levels must be between 1 and 5")
        #expect(diagnostics[2].message == "'max_depth' in graph must be a whole number, found the text 'deep'")
    }

    @Test func collectionProblems() throws {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        collections:
          tags: {}
          Big Things: {}
          kpis:
            sort: owner
            fields:
              title: string
              unit: strin
              level:
                type: enum
              replaces:
                type: refs
                collection: kpi
              score:
                type: scores
          more:
            folder: kpis
        """)
        let sorted = diagnostics.sorted()
        #expect(sorted.map(\.location) == [
            Self.at(4, 3),    // reserved name
            Self.at(5, 3),    // not a slug
            Self.at(7, 11),   // sort by an unknown field
            Self.at(9, 7),    // common field redeclared
            Self.at(10, 13),  // unknown type
            Self.at(11, 7),   // enum without values
            Self.at(13, 7),   // refs to an unknown collection
            Self.at(16, 7),   // scores without an assessment
            Self.at(18, 3),   // folder used twice
        ], "\(sorted)")
        #expect(sorted.allSatisfy { $0.code == .hubConfigInvalid })
        try #require(sorted.count > 8)
        #expect(sorted[0].message == "'tags' is reserved for pages Switchboard generates")
        #expect(sorted[1].hint == "use lower-case letters, digits and dashes, like 'big-things'")
        #expect(sorted[4].message == "unknown field type 'strin'")
        #expect(sorted[4].hint == "did you mean 'string'?")
        #expect(sorted[6].message == "field 'replaces' of 'kpis' refers to unknown collection 'kpi'")
        #expect(sorted[6].hint == "did you mean 'kpis'?")
        #expect(sorted[8].message == "two collections use the folder 'kpis'")
        #expect(config?.collections.map(\.name) == ["kpis", "more"])
    }

    @Test func menusAreReadWithTheLocationOfEachLink() throws {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        menus:
          main:
            - { title: "KPIs", link: "kpis" }
            - { title: "Home" }
        """)
        #expect(diagnostics.map(\.message) == ["menus.main needs 'link'"])
        let main = try #require(config?.menus.first)
        #expect(main.name == "main")
        #expect(main.items.map(\.title) == ["KPIs"])
        #expect(main.items.first?.location == Self.at(5, 30))
    }

    @Test func assessmentsAreReadAndCheckedAgainstCollections() throws {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        collections:
          archetypes:
            fields:
              scores: {type: scores, assessment: maturity}
          vendors:
            fields:
              scores: {type: scores, assessment: maturiti}
        assessments:
          maturity:
            rubric: data/rubric.yml
            archetypes: archetype
            vendors: data/vendors.csv
        """)
        try #require(diagnostics.map(\.code) == [.hubConfigInvalid, .unknownAssessment], "\(diagnostics)")
        #expect(diagnostics[0].location == Self.at(13, 17))
        #expect(diagnostics[0].hint == "did you mean 'archetypes'?")
        #expect(diagnostics[1].location == Self.at(9, 7))
        #expect(diagnostics[1].hint == "did you mean 'maturity'?")
        let assessment = try #require(config?.assessments.first)
        #expect(assessment.path == "maturity")
        #expect(assessment.vendors == ["data/vendors.csv"])
        #expect(assessment.title == "Maturity")
    }
}
