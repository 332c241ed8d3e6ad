import Foundation
import Testing
@testable import SwitchboardKit

/// Markup and script in every value that reaches a page — hub.yml, front matter, Markdown,
/// the rubric, CSV cells — built with the bundled theme (search, self-assessment JSON, SVG
/// charts and graphs). Every build's HTML goes through `SafeHTML` (see `Sandbox.check`); these
/// tests also check that the values did reach the pages, escaped.
@Suite("Adversarial: injection")
struct AdversarialInjectionTests {
    /// Closes attributes, elements, comments and scripts, then tries to run something.
    static let payload = #"x"'><script>alert(1)</script><img src=x onerror=alert(2)></script><!--<svg onload=alert(3)>"#
    /// The payload as YAML text (double-quoted, so every character is kept).
    static var yaml: String { "\"" + payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    /// The payload as a CSV cell.
    static var csv: String { "\"" + payload.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    /// What the payload looks like once escaped for HTML text or attributes.
    static let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"

    @Test func bundledThemeBuildsTheFixtureHubSafely() async throws {
        let box = try await Sandbox("bundled", theme: .bundled)
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        let home = try #require(box.page("index.html"))
        #expect(home.contains("<script src=\"/assets/search."))
        let selfAssessment = try #require(box.page("compare/self-assessment/index.html"))
        #expect(selfAssessment.contains("<script type=\"application/json\" id=\"sb-assessment-data\">"))
        // The theme's scripts put data into pages as text, never as markup.
        for script in ["search.js", "self-assessment.js"] {
            let source = try String(contentsOf: box.url("templates/assets/" + script), encoding: .utf8)
            for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
                #expect(!source.contains(sink), "\(script) does not use \(sink)")
            }
        }
    }

    @Test func everyHubConfigValue() async throws {
        let box = try await Sandbox("inject-config", theme: .bundled)
        try box.edit("content/hub.yml", replacing: "title: \"Fixture hub\"", with: "title: \(Self.yaml)")
        try box.edit("content/hub.yml", replacing: "description: \"A small hub for end-to-end tests.\"", with: "description: \(Self.yaml)")
        try box.edit("content/hub.yml", replacing: "language: en", with: "language: \(Self.yaml)")
        try box.edit("content/hub.yml", replacing: "{ title: \"KPIs\", link: \"kpis\" }", with: "{ title: \(Self.yaml), link: \"kpis\" }")
        try box.edit("content/hub.yml", replacing: "    title: \"KPIs\"\n", with: "    title: \(Self.yaml)\n    description: \(Self.yaml)\n")
        try box.edit("content/hub.yml", replacing: "        type: string\n        required: true", with: "        type: string\n        label: \(Self.yaml)\n        required: true")
        try box.edit("content/hub.yml", replacing: "    title: \"Maturity\"", with: "    title: \(Self.yaml)")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        let page = try #require(box.page("kpis/average-handle-time/index.html"))
        #expect(page.contains(Self.escapedScript))
        #expect(page.contains("<html lang=\"x&quot;&#39;&gt;&lt;script&gt;"), "the language attribute is escaped")
        #expect(try #require(box.page("sitemap.xml")).contains("<loc>https://example.org/</loc>"))
        #expect(try #require(box.page("graph.json")).contains("\\u003cscript\\u003e"))
    }

    @Test func everyFrontMatterValue() async throws {
        let box = try await Sandbox("inject-front-matter", theme: .bundled)
        try box.write("content/kpis/evil.md", """
            ---
            title: \(Self.yaml)
            summary: \(Self.yaml)
            unit: \(Self.yaml)
            generation: legacy
            tags: [\(Self.yaml), "</script>", "javascript:alert(1)"]
            ---
            See [[average-handle-time]].

            """)
        try box.edit("content/kpis/containment.md", replacing: "Share of contacts", with: "[[kpis/evil]] and [[kpis/evil|&lt;script&gt;alert(1)&lt;/script&gt;]]. Share of contacts")
        try box.edit("content/archetypes/ai-first.md", replacing: "evidence: \"AI resolves most contacts.\"", with: "evidence: \(Self.yaml)")
        try box.edit("content/archetypes/ai-first.md", replacing: "title: AI-first operator", with: "title: \(Self.yaml)")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        let page = try #require(box.page("kpis/evil/index.html"))
        #expect(page.contains(Self.escapedScript))
        #expect(page.contains("content=\"x&quot;&#39;&gt;&lt;script&gt;"), "the description meta is escaped")
        let compare = try #require(box.page("compare/index.html"))
        #expect(compare.contains(Self.escapedScript), "the archetype's title reaches the comparison, escaped")
        let data = try #require(box.page("compare/self-assessment/index.html"))
        #expect(data.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), "JSON in <script> has no raw <")
        let containment = try #require(box.page("kpis/containment/index.html"))
        #expect(containment.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>"), "a wikilink's label is text")
        // The search index is JSON fetched by search.js (every file parses: `SafeHTML.check`), and
        // the script writes it with textContent only (see bundledThemeBuildsTheFixtureHubSafely).
        let search = Hubs.snapshot(box.output.appendingPathComponent("search"))
        #expect(search.values.contains { String(decoding: $0, as: UTF8.self).contains("alert(1)") }, "the search data holds the text")
    }

    @Test func rawHTMLInMarkdownIsDroppedWithAWarning() async throws {
        let box = try await Sandbox("inject-markdown-html", theme: .bundled)
        try box.kpi("raw", body: """
            <script>alert(1)</script>

            Inline <img src=x onerror=alert(2)> and <a href="javascript:alert(3)">a</a> and </script>.

            | Cell | Other |
            | --- | --- |
            | <iframe src="//evil"></iframe> | <b onmouseover=alert(4)>x</b> |

            > [!NOTE] &lt;svg onload=alert(5)&gt;
            > text

            - [ ] <style>body{}</style> task

            ## Heading <script>alert(6)</script> {#"onmouseover=alert(7)}

            ## Other heading {#ok}

            """)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/raw.md:6:1 SB150", "content/kpis/raw.md:8:8 SB150", "content/kpis/raw.md:8:41 SB150",
                                     "content/kpis/raw.md:8:72 SB150", "content/kpis/raw.md:8:81 SB150", "content/kpis/raw.md:12:3 SB150",
                                     "content/kpis/raw.md:12:24 SB150", "content/kpis/raw.md:12:36 SB150", "content/kpis/raw.md:12:61 SB150",
                                     "content/kpis/raw.md:17:7 SB150", "content/kpis/raw.md:17:20 SB150", "content/kpis/raw.md:19:12 SB150",
                                     "content/kpis/raw.md:19:28 SB150"],
                "\(report.human)")
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
        let page = try #require(box.page("kpis/raw/index.html"))
        #expect(page.contains("<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">&lt;svg onload=alert(5)&gt;</p>"))
    }

    @Test func unsafeURLsInMarkdownAreRemovedWithAWarning() async throws {
        let box = try await Sandbox("inject-urls", theme: .bundled)
        try box.kpi("urls", body: """
            [a](javascript:alert(1))
            [b](JaVaScRiPt:alert(1))
            [c](<java\tscript:alert(1)>)
            [d](&#106;avascript:alert(1))
            [e](vbscript:msgbox(1))
            [f](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
            ![g](data:image/svg+xml;base64,PHN2Zz4=)
            [h](file:///etc/passwd)
            ![ok](data:image/png;base64,iVBORw0KGgo=)

            <javascript:alert(1)>

            [i]: javascript:alert(1)

            [use the reference][i]

            """)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/urls.md:6:1 SB151", "content/kpis/urls.md:7:1 SB151", "content/kpis/urls.md:8:1 SB151",
                                     "content/kpis/urls.md:9:1 SB151", "content/kpis/urls.md:10:1 SB151", "content/kpis/urls.md:11:1 SB151",
                                     "content/kpis/urls.md:12:1 SB151", "content/kpis/urls.md:13:1 SB151", "content/kpis/urls.md:16:1 SB151",
                                     "content/kpis/urls.md:20:1 SB151"], "\(report.human)")
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(try #require(box.page("kpis/urls/index.html")).contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"ok\" />"))
    }

    @Test func menuLinksThatRunScript() async throws {
        let box = try await Sandbox("inject-menu", theme: .bundled)
        try box.edit("content/hub.yml", replacing: "{ title: \"Glossary\", link: \"glossary\" }",
                     with: "{ title: \"Glossary\", link: \"javascript:alert(document.cookie)\" }\n    - { title: \"D\", link: \"DATA:text/html,x\" }\n    - { title: \"V\", link: \" vbscript:x\" }")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:13:34 SB151", "content/hub.yml:14:27 SB151", "content/hub.yml:15:27 SB151"], "\(report.human)")
        #expect(report.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func baseURLThatCarriesMarkupOrScript() async throws {
        let box = try await Sandbox("inject-base-url", theme: .bundled)
        try box.edit("content/hub.yml", replacing: "base_url: \"https://example.org/\"", with: "base_url: \"javascript:alert(1)//\"")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:4:11 SB007"], "\(report.human)")
        try box.edit("content/hub.yml", replacing: "base_url: \"javascript:alert(1)//\"", with: "base_url: \"https://example.org/\\\"><script>/\"")
        let second = await box.build()
        #expect(second.summaries == ["content/hub.yml:4:11 SB007"], "\(second.human)")
        let third = await box.build(baseURL: "https://example.org/a'b/")
        // --base-url wins over hub.yml, so only it is reported (with no file: it is an option).
        #expect(third.summaries == ["- SB007"], "\(third.human)")
    }

    @Test func subPathBaseURLKeepsEveryScriptTheThemes() async throws {
        let box = try await Sandbox("sub-path", theme: .bundled)
        let report = await box.build(baseURL: "https://example.org/cx-hub/")
        #expect(report.summaries.isEmpty, "\(report.human)")
        #expect(try #require(box.page("index.html")).contains("<script src=\"/cx-hub/assets/search."))
    }

    @Test func everyRubricText() async throws {
        let box = try await Sandbox("inject-rubric", theme: .bundled)
        try box.write("content/data/rubric.yml", """
            title: \(Self.yaml)
            description: \(Self.yaml)
            scale: {min: 1, max: 5}
            dimensions:
              - id: ai-core
                name: \(Self.yaml)
                description: \(Self.yaml)
                weight: 2
                levels: [\(Self.yaml), "</script><script>alert(1)</script>", "<!--", "]]>", "\\u2028\\u2029"]
                kpis: [kpis/containment]
              - id: commercial
                name: "</title><script>alert(1)</script>"
                levels: ["Per hour", "Per transaction", "Some outcomes", "Mostly outcomes", "Value share"]
                kpis: [kpis/average-handle-time]

            """)
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        let compare = try #require(box.page("compare/index.html"))
        #expect(compare.contains(Self.escapedScript), "dimension names reach the comparison (and its SVG), escaped")
        let data = try #require(box.page("compare/self-assessment/index.html"))
        #expect(data.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        #expect(data.contains("\\u2028\\u2029"))
    }

    @Test func everyCSVCell() async throws {
        let box = try await Sandbox("inject-csv", theme: .bundled)
        try box.write("content/data/vendors.csv", """
            id,name,note,ai-core,commercial,evidence:ai-core
            acme,\(Self.csv),\(Self.csv),2,1,\(Self.csv)
            bravo,"=HYPERLINK(""javascript:alert(1)"")","@SUM(1+1)*cmd|' /C calc'!A0",3,3,"</script>"

            """)
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        let vendor = try #require(box.page("compare/vendors/acme/index.html"))
        #expect(vendor.contains(Self.escapedScript))
        let bravo = try #require(box.page("compare/vendors/bravo/index.html"))
        #expect(!bravo.contains("href=\"javascript"))
        let data = try #require(box.page("compare/self-assessment/index.html"))
        #expect(!data.contains("</script><script"))
    }

    @Test func unsafeHTMLOptInKeepsRawHTMLAsDocumented() async throws {
        let box = try await Sandbox("unsafe-opt-in", theme: .fixture)
        try box.edit("content/hub.yml", replacing: "graph:\n", with: "markdown:\n  unsafe_html: true\n\ngraph:\n")
        try box.kpi("raw", body: "<kbd>Ctrl</kbd> and [x](javascript:alert(1))\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/raw.md:6:21 SB151"], "\(report.human)")
        let page = try #require(box.page("kpis/raw/index.html"))
        #expect(page.contains("<kbd>Ctrl</kbd>"), "trusted raw HTML is kept")
        #expect(!page.contains("javascript:"), "unsafe URLs are removed even then")
    }
}
