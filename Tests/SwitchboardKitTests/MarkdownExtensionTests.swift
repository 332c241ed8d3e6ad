import Testing
@testable import SwitchboardKit

/// Our extensions to cmark: heading ids, callouts, task lists, wikilinks; and what they must
/// leave alone (code), and what safe mode removes (dangerous URLs, raw HTML).
@Suite("Markdown extensions")
struct MarkdownExtensionTests {
    static func anchor(_ id: String) -> String {
        ##"<a class="heading-anchor" href="#\##(id)" aria-hidden="true" tabindex="-1">#</a>"##
    }

    // MARK: heading ids

    @Test func headingsGetSlugIdsAndSelfLinks() {
        let html = TestSupport.normalise(TestSupport.render("## Cost per *Resolution*\n"))
        #expect(html == #"<h2 id="cost-per-resolution">Cost per <em>Resolution</em> "# + Self.anchor("cost-per-resolution") + "</h2>")
    }

    @Test func duplicateHeadingsGetNumberedIds() {
        let a = TestSupport.analyse("# Notes\n\n## Notes\n\n### Notes\n\n## Other\n", lineOffset: 10)
        #expect(a.headings.map(\.id) == ["notes", "notes-1", "notes-2", "other"])
        #expect(a.headings.map(\.level) == [1, 2, 3, 2])
        #expect(a.headings.map(\.line) == [11, 13, 15, 17])
        #expect(a.headings.map(\.text) == ["Notes", "Notes", "Notes", "Other"])
    }

    @Test func explicitIdIsTakenAndRemovedFromTheText() {
        let md = "## The formula {#formula}\n\n## {#only-id}\n\n## Not an id {#has space}\n"
        let a = TestSupport.analyse(md)
        #expect(a.headings.map(\.id) == ["formula", "only-id", "not-an-id-has-space"])
        #expect(a.headings.map(\.text) == ["The formula", "", "Not an id {#has space}"])
        let html = TestSupport.normalise(TestSupport.render(md))
        #expect(html.hasPrefix(#"<h2 id="formula">The formula "# + Self.anchor("formula") + "</h2>"))
        #expect(!html.contains("{#formula}"))
    }

    @Test func nonLatinHeadingsKeepTheirLetters() {
        let a = TestSupport.analyse("## Données clés\n\n## 日本語の見出し\n\n## !!!\n")
        #expect(a.headings.map(\.id) == ["donnees-cles", "日本語の見出し", "section"])
    }

    @Test func headingTextIsEscapedAndIdsAreSlugs() {
        let html = TestSupport.render("## A \"quoted\" heading & more\n")
        #expect(html.contains(#"<h2 id="a-quoted-heading-more">"#))
        #expect(html.contains("A &quot;quoted&quot; heading &amp; more"))
    }

    // MARK: callouts

    @Test func calloutsReplaceMarkedBlockQuotes() {
        let html = TestSupport.normalise(TestSupport.render("> [!NOTE]\n> Body *text*\n"))
        #expect(html == #"<div class="callout callout-note" role="note"><p class="callout-title">Note</p><p>Body <em>text</em></p></div>"#)
    }

    @Test func calloutKindsAndCustomTitles() {
        for (marker, slug, title) in [("TIP", "tip", "Tip"), ("IMPORTANT", "important", "Important"),
                                      ("WARNING", "warning", "Warning"), ("CAUTION", "caution", "Caution"), ("note", "note", "Note")] {
            let html = TestSupport.normalise(TestSupport.render("> [!\(marker)]\n> x\n"))
            #expect(html == #"<div class="callout callout-\#(slug)" role="note"><p class="callout-title">\#(title)</p><p>x</p></div>"#)
        }
        let custom = TestSupport.normalise(TestSupport.render("> [!WARNING] Mind the gap & more\n> x\n"))
        #expect(custom == #"<div class="callout callout-warning" role="note"><p class="callout-title">Mind the gap &amp; more</p><p>x</p></div>"#)
    }

    @Test func calloutWithMoreBlocks() {
        let html = TestSupport.normalise(TestSupport.render("> [!TIP]\n>\n> First.\n>\n> - a\n> - b\n"))
        #expect(html == #"<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p><p>First.</p><ul><li>a</li><li>b</li></ul></div>"#)
    }

    @Test func unknownOrMisplacedMarkersStayBlockQuotes() {
        #expect(TestSupport.normalise(TestSupport.render("> [!FOO]\n> y\n")) == "<blockquote><p>[!FOO]\ny</p></blockquote>")
        #expect(TestSupport.normalise(TestSupport.render("> Text [!NOTE]\n")) == "<blockquote><p>Text [!NOTE]</p></blockquote>")
        #expect(TestSupport.normalise(TestSupport.render("> [!NOTE] *title*\n> y\n")) == "<blockquote><p>[!NOTE] <em>title</em>\ny</p></blockquote>")
    }

    // MARK: task lists

    @Test func taskListItemsGetDisabledCheckboxes() {
        let html = TestSupport.normalise(TestSupport.render("- [ ] todo\n- [x] done\n- [X] Done too\n- plain\n- [y] not a task\n"))
        #expect(html == "<ul>"
            + #"<li><input type="checkbox" class="task" disabled aria-label="To do"> todo</li>"#
            + #"<li><input type="checkbox" class="task" checked disabled aria-label="Done"> done</li>"#
            + #"<li><input type="checkbox" class="task" checked disabled aria-label="Done"> Done too</li>"#
            + "<li>plain</li><li>[y] not a task</li></ul>")
    }

    @Test func taskMarkersOutsideListsAreText() {
        #expect(TestSupport.render("[ ] not in a list\n") == "<p>[ ] not in a list</p>\n")
        #expect(TestSupport.render("- `[ ]` in code\n") == "<ul>\n<li><code>[ ]</code> in code</li>\n</ul>\n")
    }

    // MARK: wikilinks

    @Test func wikilinksBecomeLinksWithTheirPositions() {
        let md = "See [[kpis/aht|AHT]] and [[aht#formula]] or [[ spaced |  label ]].\n"
        let a = TestSupport.analyse(md, lineOffset: 4)
        #expect(a.links.map(\.target) == ["kpis/aht", "aht#formula", "spaced"])
        #expect(a.links.map(\.form) == [.wikilink, .wikilink, .wikilink])
        #expect(a.links.map(\.hasLabel) == [true, false, true])
        #expect(a.links.map(\.label) == ["AHT", "aht#formula", "label"])
        #expect(a.links.map { "\($0.line):\($0.column)" } == ["5:5", "5:26", "5:45"])
        #expect(TestSupport.render(md) == #"<p>See <a href="kpis/aht">AHT</a> and <a href="aht#formula">aht#formula</a> or <a href="spaced">label</a>.</p>"# + "\n")
    }

    @Test func wikilinkColumnsCountCharactersNotBytes() {
        let a = TestSupport.analyse("Café ☕️ — [[kpis/aht]]\n")
        // "Café ☕️ — " is 17 bytes; the column counts Unicode scalars, not bytes.
        #expect(a.links.first?.line == 1)
        #expect(a.links.first?.column == "Café ☕️ — ".unicodeScalars.count + 1)
    }

    @Test func wikilinkAfterPlainTextInTheSameLineIsExact() {
        let a = TestSupport.analyse("Plain words, then [[kpis/aht]] and `code` [[x]]\n")
        #expect(a.links.map(\.column) == [19, 43])
    }

    @Test
    func wikilinkColumnsAreExactAfterEntitiesEscapesAndSmartPunctuation() {
        #expect(TestSupport.analyse("Cost &amp; value: [[kpis/aht]]\n").links.first?.column == 19)
        #expect(TestSupport.analyse("a \\* b [[x]]\n").links.first?.column == 8)
        let smart = MarkdownRenderer.analyse("It's \"quoted\" -- [[kpis/aht]]\n", options: MarkdownOptions(smartPunctuation: true),
                                             lineOffset: 0, file: "f")
        #expect(smart.links.first?.column == 18)
    }

    @Test func resolvedWikilinksTakeTheTargetTitle() {
        let md = "[[kpis/aht]] and [[kpis/fcr|FCR]]\n"
        let html = MarkdownRenderer.render(md, options: MarkdownOptions(smartPunctuation: false), lineOffset: 0, file: "f") { link in
            ResolvedLink(url: "/" + link.target + "/", label: link.target == "kpis/aht" ? "Average handle time" : "First contact")
        }
        #expect(html == #"<p><a href="/kpis/aht/">Average handle time</a> and <a href="/kpis/fcr/">FCR</a></p>"# + "\n")
    }

    @Test func emptyAndUnclosedWikilinksStayText() {
        let md = "[[]] and [[open and [[ | x]] and [[a\nb]]\n"
        #expect(TestSupport.analyse(md).links.isEmpty)
        #expect(TestSupport.render(md) == "<p>[[]] and [[open and [[ | x]] and [[a\nb]]</p>\n")
    }

    @Test func wikilinkPlainTextUsesPlaceholdersUntilTitlesAreKnown() {
        let a = TestSupport.analyse("Read [[kpis/aht]] first.\n")
        let text = WikilinkText.resolve(a.plainText) { $0 == "kpis/aht" ? "Average handle time" : nil }
        #expect(text == "Read Average handle time first.")
        #expect(WikilinkText.resolve(a.plainText) { _ in nil } == "Read kpis/aht first.")
    }

    // MARK: code is left alone

    @Test func codeIsUntouchedByEveryExtension() {
        let md = """
        `[[inline]]` and `[!NOTE]`

        ```
        [[block]]
        > [!NOTE]
        - [ ] task
        ## Heading {#id}
        | a | b |
        | - | - |
        ```
        """
        let a = TestSupport.analyse(md)
        #expect(a.links.isEmpty)
        #expect(a.headings.isEmpty)
        #expect(TestSupport.render(md) == "<p><code>[[inline]]</code> and <code>[!NOTE]</code></p>\n"
            + "<pre><code>[[block]]\n&gt; [!NOTE]\n- [ ] task\n## Heading {#id}\n| a | b |\n| - | - |\n</code></pre>\n")
    }

    @Test func wikilinkSyntaxInsideALinkLabelIsNotALink() {
        let a = TestSupport.analyse("[see [[x]]](https://example.org/)\n")
        #expect(a.links.map(\.target) == ["https://example.org/"])
    }

    // MARK: unsafe URLs

    @Test func dangerousURLsAreRemovedAndReported() {
        let md = "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](file:///etc/passwd)\n[e](data:text/html,x) ![f](data:image/svg+xml,x) ![g](data:image/png;base64,AAAA) [h](https://ok.example/)\n"
        let a = TestSupport.analyse(md, lineOffset: 2)
        #expect(a.unsafeURLs == [
            SourceLocation(file: "content/test.md", line: 3, column: 1),
            SourceLocation(file: "content/test.md", line: 3, column: 26),
            SourceLocation(file: "content/test.md", line: 3, column: 44),
            SourceLocation(file: "content/test.md", line: 3, column: 60),
            SourceLocation(file: "content/test.md", line: 4, column: 1),
            SourceLocation(file: "content/test.md", line: 4, column: 23),
        ])
        #expect(a.links.map(\.target) == ["data:image/png;base64,AAAA", "https://ok.example/"], "safe images and web links stay")
        let html = TestSupport.render(md)
        for bad in ["javascript", "JAVASCRIPT", "vbscript", "file:", "data:text", "svg+xml"] {
            #expect(!html.contains(bad), "\(bad) must not reach the page")
        }
        #expect(html.contains(#"<a href="">a</a>"#))
        #expect(html.contains(#"<img src="data:image/png;base64,AAAA" alt="g" />"#))
    }

    @Test func aDangerousWikilinkIsQuotedNowhere() {
        // The safe link comes first, so its sentence is gathered before the dangerous one is met.
        let a = TestSupport.analyse("See [[kpis/aht]] then [[javascript:alert(1)]] today.\n")
        #expect(a.unsafeURLs.count == 1)
        #expect(a.links.map(\.target) == ["kpis/aht"])
        for text in [a.plainText, a.links[0].contextBefore, a.links[0].contextAfter] {
            #expect(!text.contains("javascript"), "\(text.debugDescription)")
        }
    }

    @Test func schemesHiddenByWhitespaceOrControlCharactersAreCaught() {
        #expect(UnsafeURL.isDangerous("java\tscript:alert(1)", image: false))
        #expect(UnsafeURL.isDangerous(" javascript:x", image: false))
        #expect(UnsafeURL.isDangerous("JaVaScRiPt:x", image: false))
        #expect(!UnsafeURL.isDangerous("../kpis/aht.md", image: false))
        #expect(!UnsafeURL.isDangerous("mailto:a@example.org", image: false))
        #expect(UnsafeURL.isDangerous("data:image/png;base64,AA", image: false), "data: images only as images")
    }

    // MARK: raw HTML

    @Test func rawHTMLIsDroppedAndReportedInSafeMode() {
        let md = "<script>alert(1)</script>\n\nHello <b>bold</b> <!-- c -->\n"
        let a = TestSupport.analyse(md, lineOffset: 5)
        #expect(a.droppedHTML == [
            SourceLocation(file: "content/test.md", line: 6, column: 1),
            SourceLocation(file: "content/test.md", line: 8, column: 7),
            SourceLocation(file: "content/test.md", line: 8, column: 14),
            SourceLocation(file: "content/test.md", line: 8, column: 19),
        ])
        let html = TestSupport.render(md)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html == "<!-- raw HTML omitted -->\n<p>Hello <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> <!-- raw HTML omitted --></p>\n")
    }

    @Test func rawHTMLIsKeptWhenTheHubOptsIn() {
        let md = "<div class=\"x\">kept</div>\n\nHello <b>bold</b>\n"
        let options = MarkdownOptions(smartPunctuation: false, unsafeHTML: true)
        let a = MarkdownRenderer.analyse(md, options: options, lineOffset: 0, file: "f")
        #expect(a.droppedHTML.isEmpty)
        #expect(TestSupport.render(md, unsafeHTML: true) == "<div class=\"x\">kept</div>\n<p>Hello <b>bold</b></p>\n")
    }

    // MARK: rendering options

    @Test func smartPunctuationIsAnOption() {
        #expect(TestSupport.render("\"Quoted\" -- it's...", smart: true) == "<p>“Quoted” – it’s…</p>\n")
        #expect(TestSupport.render("\"Quoted\" -- it's...", smart: false) == "<p>&quot;Quoted&quot; -- it's...</p>\n")
    }

    @Test func renderInlineDropsTheParagraph() {
        #expect(MarkdownRenderer.renderInline("A *b* c", options: MarkdownOptions()) == "A <em>b</em> c")
        #expect(MarkdownRenderer.renderInline("One\n\nTwo", options: MarkdownOptions()) == "<p>One</p>\n<p>Two</p>\n")
    }
}
