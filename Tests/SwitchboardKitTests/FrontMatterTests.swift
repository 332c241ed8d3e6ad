import Testing
@testable import SwitchboardKit

@Suite("Front matter: splitting, decoding and YAML positions")
struct FrontMatterTests {
    // MARK: split

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let text = "# Title\n\nSome text.\n"
        let split = try FrontMatter.split(text).get()
        #expect(split.yaml == nil)
        #expect(split.body == text)
        #expect(split.bodyLineOffset == 0)
    }

    @Test func frontMatterIsSeparatedFromBodyWithLineOffsets() throws {
        let text = "---\ntitle: Hello\ntags: [a, b]\n---\nBody line\n"
        let split = try FrontMatter.split(text).get()
        #expect(split.yaml == "title: Hello\ntags: [a, b]\n")
        #expect(split.yamlFirstLine == 2)
        #expect(split.body == "Body line\n")
        // The closing `---` is line 4, so body line 1 is file line 5.
        #expect(split.bodyLineOffset == 4)
    }

    @Test func closingDelimiterMayBeDotsAndDelimitersMayHaveTrailingSpaces() throws {
        let split = try FrontMatter.split("---  \ntitle: x\n...\t\nBody").get()
        #expect(split.yaml == "title: x\n")
        #expect(split.body == "Body")
        #expect(split.bodyLineOffset == 3)
    }

    @Test func dotsDoNotOpenFrontMatterAndFourDashesAreNotADelimiter() throws {
        let dots = try FrontMatter.split("...\ntitle: x\n...\n").get()
        #expect(dots.yaml == nil)
        let four = try FrontMatter.split("----\ntitle: x\n----\n").get()
        #expect(four.yaml == nil)
        #expect(four.bodyLineOffset == 0)
    }

    @Test func emptyFrontMatterIsAllowed() throws {
        let split = try FrontMatter.split("---\n---\nBody\n").get()
        #expect(split.yaml == "")
        #expect(split.body == "Body\n")
        #expect(split.bodyLineOffset == 2)
    }

    @Test func frontMatterAtEndOfFileWithoutBody() throws {
        let split = try FrontMatter.split("---\ntitle: x\n---").get()
        #expect(split.yaml == "title: x\n")
        #expect(split.body == "")
    }

    @Test func unclosedFrontMatterIsAProblemAtTheOpeningLine() {
        #expect(throws: FrontMatter.Problem.unclosed(line: 1)) { try FrontMatter.split("---\ntitle: x\nbody\n").get() }
        #expect(throws: FrontMatter.Problem.unclosed(line: 1)) { try FrontMatter.split("---").get() }
    }

    @Test func multiByteTextKeepsExactOffsets() throws {
        let split = try FrontMatter.split("---\ntitle: Café — ☕️\n---\nÜber\n").get()
        #expect(split.yaml == "title: Café — ☕️\n")
        #expect(split.body == "Über\n")
        #expect(split.bodyLineOffset == 3)
    }

    // MARK: decoding

    @Test func decodeStripsBOMAndFoldsLineEndings() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8)
        #expect(try SourceText.decode(bytes).get() == "a\nb\nc\n")
    }

    @Test func decodeRejectsBinaryAndReportsFirstInvalidByte() {
        #expect(throws: SourceText.Problem.binary) { try SourceText.decode([0x61, 0x00, 0x62]).get() }
        // Line 2, after "é" (one character, two bytes): column 2.
        let bytes: [UInt8] = Array("ok\n".utf8) + [0xC3, 0xA9, 0xFF, 0x61]
        #expect(throws: SourceText.Problem.invalidUTF8(line: 2, column: 2)) { try SourceText.decode(bytes).get() }
    }

    // MARK: YAML positions

    @Test func yamlNodesCarryFileLinesAndColumns() throws {
        let node = try #require(try YAMLReader.read("title: Hello\ntags:\n  - one\n  - two\n", file: "content/a.md", lineOffset: 1).get())
        let title = try #require(node["title"])
        #expect(title.scalar == "Hello")
        #expect((title.line, title.column) == (2, 8))
        let items = try #require(node["tags"]?.items)
        try #require(items.map(\.scalar) == ["one", "two"])
        #expect((items[1].line, items[1].column) == (5, 5))
    }

    @Test func quotedScalarsAreNotPlain() throws {
        let node = try #require(try YAMLReader.read("a: \"3\"\nb: 3\nc: ~\n", file: "f").get())
        guard case .scalar("3", let plainA) = node["a"]!.kind, case .scalar("3", let plainB) = node["b"]!.kind else {
            Issue.record("expected scalars"); return
        }
        #expect(!plainA)
        #expect(plainB)
        #expect(node["c"]!.isNull)
        #expect(!node["a"]!.isNull)
    }

    @Test func yamlSyntaxErrorPointsAtTheOffendingCharacter() throws {
        // `summary: foo: bar` on YAML line 2, file line 3: the second colon is column 13.
        let result = YAMLReader.read("title: a\nsummary: foo: bar\n", file: "content/x.md", lineOffset: 1)
        guard case .failure(let d) = result else { Issue.record("expected a syntax error"); return }
        #expect(d.code == .frontMatterSyntax)
        #expect(d.location == SourceLocation(file: "content/x.md", line: 3, column: 13))
        #expect(d.message.contains("mapping values are not allowed"))
        #expect(d.hint != nil)
    }

    @Test func tabIndentationIsReportedAtTheTab() throws {
        guard case .failure(let d) = YAMLReader.read("title: a\n\tsummary: b\n", file: "f.md", lineOffset: 1) else {
            Issue.record("expected an error"); return
        }
        #expect(d.code == .frontMatterSyntax)
        #expect(d.location == SourceLocation(file: "f.md", line: 3, column: 1))
    }

    @Test func duplicateKeysAreTheirOwnDiagnostic() throws {
        guard case .failure(let d) = YAMLReader.read("a: 1\nb: 2\na: 3\n", file: "f.md", lineOffset: 1) else {
            Issue.record("expected an error"); return
        }
        #expect(d.code == .duplicateKey)
        #expect(d.message == "the key 'a' appears more than once")
    }

    @Test func emptyYAMLIsNoNode() throws {
        #expect(try YAMLReader.read("", file: "f").get() == nil)
        #expect(try YAMLReader.read("# only a comment\n", file: "f").get() == nil)
    }

    @Test func billionLaughsIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...7 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(i): &a\(i) [\(refs)]\n"
        }
        guard case .failure(let d) = YAMLReader.read(yaml, file: "f.md") else {
            Issue.record("a document expanding to 10^8 nodes must be refused"); return
        }
        #expect(d.message.contains("more than"))
    }

    // MARK: whole entries

    static let config: HubConfig = {
        let (config, diagnostics) = HubConfigLoader.load(text: """
        title: Test
        base_url: https://example.org/
        collections:
          kpis:
            fields:
              unit: string
        """)
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return config!
    }()

    static func load(_ text: String, path: String = "kpis/aht.md") -> (Entry, [Diagnostic]) {
        let placement = try! EntryLoader.placement(of: path, config: config).get()
        return EntryLoader.load(text: text, placement: placement, source: "content/" + path, config: config)
    }

    @Test func entryPositionsAreInFileCoordinates() {
        let (entry, diagnostics) = Self.load("---\ntitle: Average handle time\nunit: seconds\n---\nIntro.\n\n## Formula\n\nSee [x](../kpis/other.md).\n")
        #expect(diagnostics.isEmpty)
        #expect(entry.title == "Average handle time")
        #expect(entry.fields["unit"] == .string("seconds"))
        #expect(entry.bodyLineOffset == 4)
        #expect(entry.markdown.headings.map(\.line) == [7])
        #expect(entry.markdown.headings.map(\.id) == ["formula"])
        #expect(entry.markdown.links.map { "\($0.line):\($0.column)" } == ["9:5"])
    }

    @Test func unclosedFrontMatterIsReportedOnce() {
        let (entry, diagnostics) = Self.load("---\ntitle: x\n\nBody\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .unclosedFrontMatter)
        #expect(diagnostics.first?.location == SourceLocation(file: "content/kpis/aht.md", line: 1, column: 1))
        #expect(entry.id == "kpis/aht")
    }

    @Test func frontMatterSyntaxErrorIsReportedInFileLinesAndStopsValidation() {
        let (_, diagnostics) = Self.load("---\ntitle: x\nunit: [a, b\n---\nBody\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .frontMatterSyntax)
        #expect(diagnostics.first?.location?.file == "content/kpis/aht.md")
        // The flow sequence opens on file line 3; libyaml notices at the end of the block.
        #expect((diagnostics.first?.location?.line ?? 0) >= 3)
    }

    @Test func frontMatterThatIsAListIsNotAMapping() {
        let (_, diagnostics) = Self.load("---\n- a\n- b\n---\nBody\n")
        #expect(diagnostics.map(\.code) == [.frontMatterNotMapping])
        #expect(diagnostics.first?.location == SourceLocation(file: "content/kpis/aht.md", line: 2, column: 1))
    }

    @Test func fileWithoutFrontMatterMissesItsTitle() {
        let (entry, diagnostics) = Self.load("Just text.\n")
        #expect(diagnostics.map(\.code) == [.missingRequired])
        #expect(diagnostics.first?.location == SourceLocation(file: "content/kpis/aht.md", line: 1, column: 1))
        #expect(diagnostics.first?.hint?.contains("---\ntitle: Aht\n---") == true)
        #expect(entry.title == "Aht")
    }

    @Test func placementFollowsTheFolderLayout() throws {
        let entry = try EntryLoader.placement(of: "kpis/Average Handle Time.md", config: Self.config).get()
        #expect(entry.id == "kpis/average-handle-time")
        #expect(entry.kind == .entry)
        let intro = try EntryLoader.placement(of: "kpis/_index.md", config: Self.config).get()
        #expect(intro.kind == .sectionIntro)
        #expect(intro.id == "kpis")
        let home = try EntryLoader.placement(of: "index.md", config: Self.config).get()
        #expect(home.kind == .home)
        let page = try EntryLoader.placement(of: "About Us.md", config: Self.config).get()
        #expect(page.id == "about-us")
        #expect(page.kind == .page)
        guard case .failure(let unknown) = EntryLoader.placement(of: "kpi/aht.md", config: Self.config) else {
            Issue.record("a folder that is no collection must fail"); return
        }
        #expect(unknown.code == .unknownCollection)
        #expect(unknown.hint?.contains("did you mean 'kpis'?") == true)
        guard case .failure(let reserved) = EntryLoader.placement(of: "tags.md", config: Self.config) else {
            Issue.record("a page named like a generated page must fail"); return
        }
        #expect(reserved.code == .duplicateID)
    }

    /// Folders end at every `/` the file system sees, even one that a combining mark follows
    /// (a split by characters would take `/` and the mark for one character, and no separator).
    @Test func placementSplitsFoldersAtEverySlash() throws {
        let entry = try EntryLoader.placement(of: "kpis/\u{301}Handle time.md", config: Self.config).get()
        #expect(entry.kind == .entry)
        #expect(entry.collection == "kpis")
        #expect(entry.id.hasPrefix("kpis/"))
    }
}
