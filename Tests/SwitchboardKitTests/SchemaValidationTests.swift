import Testing
@testable import SwitchboardKit

/// Front matter checked against a collection's typed fields: every problem at the line and
/// column of the offending YAML, with a hint.
@Suite("Schema validation of front matter")
struct SchemaValidationTests {
    static let hub = """
    title: Test hub
    base_url: https://example.org/
    collections:
      kpis:
        fields:
          abbreviation: string
          generation:
            type: enum
            values: [legacy, classic, next-generation]
            required: true
          target: number
          rank: integer
          public: bool
          reviewed: date
          sources:
            type: list
            of: string
          levels:
            type: list
            of: enum
            values: [low, high]
          replaces:
            type: refs
            collection: kpis
          owner: ref
          status:
            type: string
            default: active
          tier:
            type: enum
            values: [bronze, silver, gold]
    """

    static let config: HubConfig = {
        let (config, diagnostics) = HubConfigLoader.load(text: hub)
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return config!
    }()

    static let file = "content/kpis/aht.md"

    /// Loads an entry whose front matter is `lines` (one per file line, starting at line 2).
    static func load(_ lines: [String], body: String = "Body.\n") -> (Entry, [Diagnostic]) {
        let text = "---\n" + lines.map { $0 + "\n" }.joined() + "---\n" + body
        let placement = try! EntryLoader.placement(of: "kpis/aht.md", config: config).get()
        return EntryLoader.load(text: text, placement: placement, source: file, config: config)
    }

    static func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    @Test func validFrontMatterBecomesTypedValues() throws {
        let (entry, diagnostics) = Self.load([
            "title: Average handle time",
            "summary: How long a contact takes.",
            "generation: legacy",
            "abbreviation: AHT",
            "target: 4.5",
            "rank: 3",
            "public: true",
            "reviewed: 2024-02-29",
            "sources: [ACD, CRM]",
            "levels: [low, high]",
            "replaces: [kpis/other]",
            "owner: people/ana",
            "tags: [Efficiency, Legacy KPIs]",
            "weight: 2",
            "draft: false",
            "updated: 2025-01-31",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(entry.title == "Average handle time")
        #expect(entry.summary == "How long a contact takes.")
        #expect(entry.fields["generation"] == .string("legacy"))
        #expect(entry.fields["target"] == .number(4.5))
        #expect(entry.fields["rank"] == .integer(3))
        #expect(entry.fields["public"] == .bool(true))
        #expect(entry.fields["reviewed"] == .date(try #require(CalendarDate("2024-02-29"))))
        #expect(entry.fields["sources"] == .list([.string("ACD"), .string("CRM")]))
        #expect(entry.fields["levels"] == .list([.string("low"), .string("high")]))
        #expect(entry.fields["replaces"] == .refs([Located("kpis/other", at: Self.at(12, 12))]))
        #expect(entry.fields["owner"] == .ref(Located("people/ana", at: Self.at(13, 8))))
        #expect(entry.fields["status"] == .string("active"), "defaults fill fields that are left out")
        #expect(entry.tags == ["Efficiency", "Legacy KPIs"])
        #expect(entry.weight == 2)
        #expect(entry.draft == false)
        #expect(entry.updated?.description == "2025-01-31")
    }

    @Test func unknownKeyIsReportedAtTheKeyWithASuggestion() throws {
        let (_, diagnostics) = Self.load(["title: T", "generation: legacy", "abreviation: AHT"])
        try #require(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.code == .unknownKey)
        #expect(d.location == Self.at(4, 1))
        #expect(d.message == "unknown front-matter key 'abreviation' for collection 'kpis'")
        #expect(d.hint == "did you mean 'abbreviation'?")
    }

    @Test func unknownKeyFarFromEverythingListsTheAllowedKeys() {
        let (_, diagnostics) = Self.load(["title: T", "generation: legacy", "zzzzzzzz: 1"])
        #expect(diagnostics.map(\.code) == [.unknownKey])
        #expect(diagnostics.first?.hint?.hasPrefix("allowed keys: title, summary, tags") == true)
        #expect(diagnostics.first?.hint?.contains("generation") == true)
    }

    @Test func badEnumValueIsReportedAtTheValue() throws {
        let (entry, diagnostics) = Self.load(["title: T", "generation: legasy"])
        try #require(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.code == .badEnumValue)
        #expect(d.location == Self.at(3, 13))
        #expect(d.message == "'legasy' is not an allowed value of 'generation'")
        #expect(d.hint == "did you mean 'legacy'? (allowed: legacy, classic, next-generation)")
        #expect(entry.fields["generation"] == nil)
        // Only once: an invalid value of a required field is not also "missing" or "empty".
        #expect(!diagnostics.contains { $0.code == .missingRequired })
    }

    @Test func missingRequiredFieldIsReportedAtTheStartOfTheFile() throws {
        let (_, diagnostics) = Self.load(["title: T"])
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == .missingRequired)
        #expect(diagnostics[0].message == "missing required field 'generation'")
        #expect(diagnostics[0].location == Self.at(1, 1))
        #expect(diagnostics[0].hint == "add `generation: …` (one of: legacy, classic, next-generation)")
    }

    @Test func emptyRequiredFieldIsReportedAtItsValue() throws {
        let (_, diagnostics) = Self.load(["title: T", "generation:"])
        try #require(diagnostics.map(\.code) == [.missingRequired])
        #expect(diagnostics[0].message == "required field 'generation' is empty")
        #expect(diagnostics[0].location?.line == 3)
    }

    @Test func missingTitleIsReported() throws {
        let (entry, diagnostics) = Self.load(["generation: legacy"])
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == .missingRequired)
        #expect(diagnostics[0].message == "missing required field 'title'")
        #expect(diagnostics[0].location == Self.at(1, 1))
        #expect(entry.title == "Aht", "the title falls back to the humanised slug so links still read")
    }

    @Test
    func emptyTitleIsReportedAtTheTitle() throws {
        let (_, diagnostics) = Self.load(["title:", "generation: legacy"])
        try #require(diagnostics.map(\.code) == [.missingRequired])
        #expect(diagnostics[0].message == "'title' is empty")
        #expect(diagnostics[0].location?.line == 2)
    }

    @Test
    func quotedEmptyTitleIsReported() throws {
        let (entry, diagnostics) = Self.load(["title: \"\"", "generation: legacy"])
        #expect(entry.title.isEmpty == false || diagnostics.map(\.code) == [.missingRequired],
                "an empty title must be reported, not published as an empty heading")
    }

    @Test func wrongTypesAreReportedAtEachValue() {
        let (_, diagnostics) = Self.load([
            "title: T",                 // 2
            "generation: legacy",       // 3
            "target: lots",             // 4
            "rank: 2.5",                // 5
            "public: yes please",       // 6
            "sources: ACD",             // 7
            "replaces: kpis/other",     // 8
            "title2: x",                // 9 (unknown key)
        ])
        let byLine = Dictionary(grouping: diagnostics, by: { $0.location?.line ?? 0 })
        #expect(diagnostics.count == 6, "\(diagnostics)")
        #expect(byLine[4]?.first?.code == .wrongType)
        #expect(byLine[4]?.first?.location == Self.at(4, 9))
        #expect(byLine[4]?.first?.message == "'target' must be a number, found the text 'lots'")
        #expect(byLine[5]?.first?.message == "'rank' must be a whole number, found the text '2.5'")
        #expect(byLine[6]?.first?.message == "'public' must be true or false, found the text 'yes please'")
        #expect(byLine[7]?.first?.message == "'sources' must be a list of string values, found the text 'ACD'")
        #expect(byLine[7]?.first?.hint == "write it as a list: [ACD]")
        #expect(byLine[8]?.first?.code == .wrongType)
        #expect(byLine[8]?.first?.hint == "write it as a list: [kpis/other]")
        #expect(byLine[9]?.first?.code == .unknownKey)
    }

    @Test func quotedNumbersAreText() {
        let (_, diagnostics) = Self.load(["title: T", "generation: legacy", "rank: \"3\""])
        #expect(diagnostics.map(\.code) == [.wrongType])
        #expect(diagnostics.first?.hint == "remove the quotes")
        #expect(diagnostics.first?.location == Self.at(4, 7))
    }

    @Test func impossibleDatesAreBadDates() throws {
        let (_, diagnostics) = Self.load(["title: T", "generation: legacy", "reviewed: 2025-02-29", "updated: 27/11/2026"])
        try #require(diagnostics.map(\.code) == [.badDate, .badDate])
        #expect(diagnostics[0].location == Self.at(4, 11))
        #expect(diagnostics[0].hint == "that day does not exist")
        #expect(diagnostics[1].location == Self.at(5, 10))
        #expect(diagnostics[1].hint == "write it like 2026-11-27")
    }

    @Test func listItemsAreCheckedOneByOne() {
        let (entry, diagnostics) = Self.load(["title: T", "generation: legacy", "levels: [low, medium, high]"])
        #expect(diagnostics.map(\.code) == [.badEnumValue])
        #expect(diagnostics.first?.location == Self.at(4, 15))
        #expect(entry.fields["levels"] == .list([.string("low"), .string("high")]))
    }

    @Test func commonFieldsAreTypedToo() {
        let (_, diagnostics) = Self.load(["title: T", "generation: legacy", "draft: maybe", "weight: heavy", "tags: solo"])
        #expect(diagnostics.map(\.code) == [.wrongType, .wrongType, .wrongType])
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [4, 5, 6])
    }

    @Test func pagesOutsideCollectionsOnlyTakeCommonKeys() throws {
        let placement = try EntryLoader.placement(of: "about.md", config: Self.config).get()
        let (entry, diagnostics) = EntryLoader.load(text: "---\ntitle: About\ngeneration: legacy\n---\nHi\n",
                                                    placement: placement, source: "content/about.md", config: Self.config)
        #expect(entry.title == "About")
        #expect(diagnostics.map(\.code) == [.unknownKey])
        #expect(diagnostics.first?.message == "unknown front-matter key 'generation' for this page")
        #expect(diagnostics.first?.location == SourceLocation(file: "content/about.md", line: 3, column: 1))
    }

    @Test func invalidDefaultInHubConfigIsReportedAgainstHubYml() throws {
        let (config, configDiagnostics) = HubConfigLoader.load(text: """
        title: T
        base_url: https://example.org/
        collections:
          kpis:
            fields:
              rank:
                type: integer
                default: many
        """)
        #expect(configDiagnostics.isEmpty)
        let config2 = try #require(config)
        let placement = try EntryLoader.placement(of: "kpis/a.md", config: config2).get()
        let (_, diagnostics) = EntryLoader.load(text: "---\ntitle: A\n---\n", placement: placement, source: "content/kpis/a.md", config: config2)
        #expect(diagnostics.map(\.code) == [.wrongType])
        #expect(diagnostics.first?.location == SourceLocation(file: "content/hub.yml", line: 8, column: 18))
    }
}
