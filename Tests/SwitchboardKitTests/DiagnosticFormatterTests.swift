import Foundation
import Testing
@testable import SwitchboardKit

@Suite("Diagnostic formats")
struct DiagnosticFormatterTests {
    static let brokenLink = Diagnostic.error(.brokenLink, "link to '../kpis/ath.md': no such file in content/",
                                             at: SourceLocation(file: "content/playbooks/guide.md", line: 12, column: 7),
                                             hint: "did you mean 'kpis/aht.md'?")
    static let summary = RunSummary(command: "build", pages: 10, files: 14, errors: 1, warnings: 2, orphans: 1, tooDeep: 0,
                                     seconds: 1.234, failed: true)

    // MARK: human

    @Test func humanLineWithHint() {
        #expect(DiagnosticFormatter.human(Self.brokenLink, color: false) ==
            "content/playbooks/guide.md:12:7: error: link to '../kpis/ath.md': no such file in content/ [SB300 broken-link]\n"
            + "  hint: did you mean 'kpis/aht.md'?")
    }

    @Test func humanWarningWithoutHintOrColumn() {
        let d = Diagnostic.warning(.orphan, "nothing links to 'kpis/aht'", at: SourceLocation(file: "content/kpis/aht.md", line: 1))
        #expect(DiagnosticFormatter.human(d, color: false) == "content/kpis/aht.md:1: warning: nothing links to 'kpis/aht' [SB304 orphan-page]")
    }

    @Test func humanWithoutLocationOrLine() {
        let none = Diagnostic.error(.badBaseURL, "bad", at: nil)
        #expect(DiagnosticFormatter.human(none, color: false) == "error: bad [SB007 bad-base-url]")
        let fileOnly = Diagnostic.error(.missingHubConfig, "no hub", at: SourceLocation(file: "content/hub.yml"))
        #expect(DiagnosticFormatter.human(fileOnly, color: false) == "content/hub.yml: error: no hub [SB001 missing-hub-config]")
    }

    @Test func multiLineHintsAreIndented() {
        let d = Diagnostic.error(.missingRequired, "missing required field 'title'", at: SourceLocation(file: "f.md", line: 1, column: 1),
                                 hint: "start the file with front matter:\n---\ntitle: X\n---")
        #expect(DiagnosticFormatter.human(d, color: false) ==
            "f.md:1:1: error: missing required field 'title' [SB103 missing-required-field]\n"
            + "  hint: start the file with front matter:\n        ---\n        title: X\n        ---")
    }

    @Test func colorWrapsPlaceAndSeverity() {
        let line = DiagnosticFormatter.human(Self.brokenLink, color: true)
        #expect(line.hasPrefix("\u{1B}[1mcontent/playbooks/guide.md:12:7: \u{1B}[0m\u{1B}[1;31merror\u{1B}[0m: link to"))
    }

    @Test func humanSummary() {
        #expect(DiagnosticFormatter.humanSummary(Self.summary) == "build failed, nothing written in 1.23 s: 1 error, 2 warnings (1 orphan, 0 too deep)")
        var ok = Self.summary
        ok.failed = false; ok.errors = 0; ok.warnings = 1; ok.orphans = 2; ok.seconds = 0.005
        #expect(DiagnosticFormatter.humanSummary(ok) == "Built 10 pages (14 files) in 0.01 s: 0 errors, 1 warning (2 orphans, 0 too deep)")
        ok.command = "check"
        #expect(DiagnosticFormatter.humanSummary(ok) == "Checked 10 pages in 0.01 s: 0 errors, 1 warning (2 orphans, 0 too deep)")
    }

    // MARK: GitHub

    @Test func githubAnnotation() {
        #expect(DiagnosticFormatter.github(Self.brokenLink) ==
            "::error file=content/playbooks/guide.md,line=12,col=7,title=SB300 broken-link::"
            + "link to '../kpis/ath.md': no such file in content/%0Ahint: did you mean 'kpis/aht.md'?")
    }

    @Test func githubEscapesPropertiesAndData() {
        let d = Diagnostic.warning(.rawHTMLDropped, "100% sure: a,b\nnext\rlast", at: SourceLocation(file: "content/a,b:c%.md", line: 3, column: 0))
        #expect(DiagnosticFormatter.github(d) == "::warning file=content/a%2Cb%3Ac%25.md,line=3,title=SB150 raw-html-dropped::100%25 sure: a,b%0Anext%0Dlast")
    }

    @Test
    func githubEscapesCRLF() {
        let d = Diagnostic.error(.outputFailed, "first\r\nsecond", at: nil, hint: "a\r\nb")
        #expect(DiagnosticFormatter.github(d) == "::error title=SB500 output-failed::first%0D%0Asecond%0Ahint: a%0D%0Ab")
    }

    @Test func githubWithoutLocation() {
        let d = Diagnostic.error(.badBaseURL, "bad", at: nil)
        #expect(DiagnosticFormatter.github(d) == "::error title=SB007 bad-base-url::bad")
        #expect(DiagnosticFormatter.githubSummary(Self.summary) ==
            "::notice title=switchboard build::build failed, nothing written in 1.23 s: 1 error, 2 warnings (1 orphan, 0 too deep)")
    }

    // MARK: JSON

    @Test func jsonDocumentShape() throws {
        let other = Diagnostic.warning(.orphan, "quote \" and \\ and <tag>", at: nil)
        let json = DiagnosticFormatter.json([Self.brokenLink, other], summary: Self.summary)
        #expect(json == """
        {
          "version": 1,
          "diagnostics": [
            {"file":"content/playbooks/guide.md","line":12,"column":7,"severity":"error","code":"SB300","name":"broken-link","message":"link to '../kpis/ath.md': no such file in content/","hint":"did you mean 'kpis/aht.md'?"},
            {"file":null,"line":null,"column":null,"severity":"warning","code":"SB304","name":"orphan-page","message":"quote \\" and \\\\ and \\u003ctag\\u003e","hint":null}
          ],
          "summary": {"command":"build","status":"failed","errors":1,"warnings":2,"pages":10,"files":14,"orphans":1,"too_deep":0,"seconds":1.23}
        }
        """)
        // And it is JSON that a standard parser reads back.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        try #require(items.count == 2)
        #expect(items[1]["message"] as? String == "quote \" and \\ and <tag>")
        #expect(items[0]["line"] as? Int == 12)
        #expect(items[1]["line"] is NSNull)
    }

    @Test func jsonWithNoDiagnostics() {
        var ok = Self.summary
        ok.failed = false
        let json = DiagnosticFormatter.json([], summary: ok)
        #expect(json.hasPrefix("{\n  \"version\": 1,\n  \"diagnostics\": [\n  ],\n  \"summary\": {\"command\":\"build\",\"status\":\"ok\""))
    }

    // MARK: codes and ordering

    @Test func codesAreUniqueAndStable() {
        let ids = DiagnosticCode.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(DiagnosticCode.all.map(\.name)).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("SB") && $0.count == 5 })
        #expect(DiagnosticCode.brokenLink.id == "SB300" && DiagnosticCode.brokenLink.name == "broken-link")
    }

    @Test func diagnosticsSortByPlaceThenCode() {
        let a = Diagnostic.error(.brokenLink, "m", at: SourceLocation(file: "b.md", line: 2, column: 1))
        let b = Diagnostic.error(.unknownKey, "m", at: SourceLocation(file: "a.md", line: 9, column: 9))
        let c = Diagnostic.error(.badEnumValue, "m", at: SourceLocation(file: "b.md", line: 2, column: 1))
        let none = Diagnostic.error(.badBaseURL, "m", at: nil)
        #expect([a, b, c, none].sorted() == [none, b, c, a])
        #expect([a, b, Diagnostic.warning(.orphan, "w", at: nil)].errorCount == 2)
        #expect([a, b, Diagnostic.warning(.orphan, "w", at: nil)].warningCount == 1)
    }
}

@Suite("Diagnostic codes") struct DiagnosticCodeDocumentationTests {
    @Test func everyCodeIsUniqueAndDocumented() throws {
        let ids = DiagnosticCode.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(DiagnosticCode.all.map(\.name)).count == ids.count)
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for code in DiagnosticCode.all {
            #expect(text.contains("| \(code.id) | `\(code.name)` |"), "\(code.id) \(code.name) is not in docs/diagnostics.md")
        }
    }
}
