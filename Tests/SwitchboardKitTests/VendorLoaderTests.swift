import Testing
@testable import SwitchboardKit

@Suite("Vendor data files")
struct VendorLoaderTests {
    static let rubric: Rubric = {
        let (rubric, diagnostics) = RubricLoader.load(text: """
        title: Maturity
        scale: {min: 1, max: 5}
        dimensions:
          - id: ai-core
            name: AI core
            weight: 2
            levels: [one, two, three, four, five]
          - id: commercial
            name: Commercial model
            levels: {1: one, 2: two, 3: three, 4: four, 5: five}
        """, file: "content/data/rubric.yml")
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return rubric!
    }()

    static let file = "content/data/vendors.csv"

    static func csv(_ text: String) -> ([ScoredSubject], [Diagnostic]) {
        VendorLoader.load(text: text, file: file, rubric: rubric, pagePath: "compare")
    }

    static func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    @Test func rubricIsRead() {
        #expect(Self.rubric.scale == 1...5)
        #expect(Self.rubric.dimensions.map(\.id) == ["ai-core", "commercial"])
        #expect(Self.rubric.dimensions.map(\.weight) == [2, 1])
        #expect(Self.rubric.dimensions[1].levels == ["one", "two", "three", "four", "five"])
        #expect(Self.rubric.totalWeight == 3)
    }

    @Test func validCSVBecomesScoredSubjects() throws {
        let (vendors, diagnostics) = Self.csv("""
        id,name,note,ai-core,commercial,evidence:ai-core
        acme,Acme Ltd,"Fictional, for tests",4,2.5,Bots resolve most journeys
        zeta,,,1,5,
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        try #require(vendors.map(\.id) == ["acme", "zeta"])
        #expect(vendors.map(\.title) == ["Acme Ltd", "Zeta"])
        #expect(vendors[0].note == "Fictional, for tests")
        #expect(vendors[1].note == nil)
        #expect(vendors[0].scores == ["ai-core": 4, "commercial": 2.5])
        #expect(vendors[0].evidence == ["ai-core": "Bots resolve most journeys"])
        #expect(vendors[1].evidence.isEmpty)
        #expect(vendors[0].pageID == "compare/vendors/acme")
        #expect(!vendors[0].isArchetype)
    }

    @Test func nonNumericAndOutOfScaleScoresNameRowColumnAndValue() throws {
        let (vendors, diagnostics) = Self.csv("""
        id,name,ai-core,commercial
        a,A,1,2
        b,B,3,3
        c,C,2,high
        d,D,4,4
        e,E,7,1
        """)
        try #require(diagnostics.count == 2)
        #expect(diagnostics[0].code == .scoreNotNumeric)
        #expect(diagnostics[0].message == "row 4, column 'commercial' (D): 'high' is not a number")
        #expect(diagnostics[0].location == Self.at(4, 4))
        #expect(diagnostics[0].hint == "write a number from 1 to 5")
        #expect(diagnostics[1].code == .scoreOutOfScale)
        #expect(diagnostics[1].message == "row 6, column 'ai-core' (C): 7 is outside the scale 1–5")
        #expect(diagnostics[1].location == Self.at(6, 3))
        #expect(diagnostics[1].hint == "the rubric's scale runs from 1 to 5")
        // The vendors are still listed so that later stages do not cascade errors.
        try #require(vendors.map(\.id) == ["a", "b", "c", "d", "e"])
        #expect(vendors[2].scores == ["ai-core": 2])
    }

    @Test func emptyScoreCell() throws {
        let (_, diagnostics) = Self.csv("id,ai-core,commercial\na,,3\n")
        try #require(diagnostics.map(\.code) == [.missingDimension])
        #expect(diagnostics[0].message == "row 2, column 'ai-core' (B): no score")
        #expect(diagnostics[0].location == Self.at(2, 2))
    }

    @Test func unknownAndMissingColumns() throws {
        let (_, diagnostics) = Self.csv("id,ai-cor,evidence:comercial\na,3,x\n")
        try #require(diagnostics.map(\.code) == [.unknownDimension, .unknownDimension, .missingDimension])
        #expect(diagnostics[0].message == "column 'ai-cor' (B) is not a dimension of the rubric")
        #expect(diagnostics[0].hint == "did you mean 'ai-core'?")
        #expect(diagnostics[0].location == Self.at(1, 2))
        #expect(diagnostics[1].message == "column 'evidence:comercial' (C) is not a dimension of the rubric")
        #expect(diagnostics[1].hint == "did you mean 'commercial'?")
        #expect(diagnostics[2].message == "the header has no column for 'ai-core', 'commercial'")
    }

    @Test func raggedRowsAreReportedAndSkipped() {
        let (vendors, diagnostics) = Self.csv("id,ai-core,commercial\na,1,2\nb,3\nc,1,2,9\n")
        #expect(diagnostics.map(\.code) == [.raggedRow, .raggedRow])
        #expect(diagnostics.map(\.message) == ["row 3 has 2 cells; the header has 3", "row 4 has 4 cells; the header has 3"])
        #expect(diagnostics.map(\.location) == [Self.at(3, 3), Self.at(4, 4)])
        #expect(vendors.map(\.id) == ["a"])
    }

    @Test func vendorIdsMustBeUniqueSlugs() throws {
        let (vendors, diagnostics) = Self.csv("id,ai-core,commercial\nacme,1,2\nAcme Inc,1,2\nacme,3,3\n,1,1\n")
        try #require(diagnostics.map(\.code) == [.csvSyntax, .duplicateVendor, .csvSyntax])
        #expect(diagnostics[0].message == "row 3: vendor id 'Acme Inc' is not a slug")
        #expect(diagnostics[0].hint == "use lower-case letters, digits and dashes, like 'acme-inc'")
        #expect(diagnostics[1].message == "row 4: the vendor 'acme' is already in row 2")
        #expect(diagnostics[2].hint == "give every vendor an id")
        #expect(vendors.map(\.id) == ["acme"])
    }

    @Test func headerWithoutIdColumn() {
        let (vendors, diagnostics) = Self.csv("name,ai-core,commercial\nA,1,2\n")
        #expect(vendors.isEmpty)
        #expect(diagnostics.map(\.message) == ["the header has no 'id' column"])
    }

    @Test func syntaxErrorsAndEmptyFiles() {
        #expect(Self.csv("id,ai-core\n\"a,1\n").1.map(\.location) == [Self.at(2, 1)])
        #expect(Self.csv("id,ai-core\n\"a,1\n").1.map(\.code) == [.csvSyntax])
        #expect(Self.csv("").1.map(\.message) == ["the vendor file is empty"])
    }

    @Test func spreadsheetColumnLetters() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(VendorLoader.columnLetter) == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }

    // MARK: YAML / JSON vendor files

    @Test func yamlVendorsWithScoresAndEvidence() throws {
        let (vendors, diagnostics) = VendorLoader.load(text: """
        vendors:
          - id: acme
            name: Acme
            scores:
              ai-core: {score: 4, evidence: "Bots"}
              commercial: 3
        """, file: "content/data/vendors.yml", rubric: Self.rubric, pagePath: "compare")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        try #require(vendors.map(\.id) == ["acme"])
        #expect(vendors[0].scores == ["ai-core": 4, "commercial": 3])
        #expect(vendors[0].evidence == ["ai-core": "Bots"])
    }

    @Test func yamlVendorProblemsAreReportedAtTheirNodes() {
        let file = "content/data/vendors.json"
        let (_, diagnostics) = VendorLoader.load(text: """
        [
          {"id": "acme", "scores": {"ai-core": 9, "commercial": "lots", "reach": 2}},
          {"id": "acme", "scores": {"ai-core": 1, "commercial": 1}}
        ]
        """, file: file, rubric: Self.rubric, pagePath: "compare")
        // Missing 'commercial' is reported at the `scores` key; each bad score at its value.
        let summary = diagnostics.sorted().map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code.id)" }
        #expect(summary == ["2:18 SB402", "2:40 SB403", "2:57 SB404", "2:65 SB401", "3:10 SB405"], "\(diagnostics)")
    }
}
