import Testing
@testable import SwitchboardKit

/// A body rendered once while it is analysed and filled in with its links later
/// (`BodyTemplate`) must be the very bytes cmark writes when the body is parsed again with the
/// links set: every case below renders both ways and compares.
@Suite("Body templates")
struct BodyTemplateTests {
    /// The body rendered with `resolve`'s links by cmark, and filled in from its template (nil
    /// when the body got none).
    static func bothWays(_ body: String, options: MarkdownOptions = MarkdownOptions(),
                         resolve: (Int, MarkdownLink) -> ResolvedLink?) -> (direct: String, filled: String?) {
        let analysis = MarkdownRenderer.analyse(body, options: options, lineOffset: 0, file: "content/t.md", template: true)
        let resolved = analysis.links.enumerated().map { resolve($0.offset, $0.element) }
        var n = 0
        let direct = MarkdownRenderer.render(body, options: options, lineOffset: 0, file: "content/t.md") { _ in
            defer { n += 1 }
            return n < resolved.count ? resolved[n] : nil
        }
        let filled = analysis.template?.filled(links: analysis.links, resolved: resolved, unsafeHTML: options.unsafeHTML)
        return (direct, filled)
    }

    static let everyForm = """
        A [link](../kpis/aht.md#formula "Title & more"), an ![image](img/a.png), [[kpis/aht]],
        [[kpis/aht|a label]], [[#local]], <https://example.org/a?b=1&c=2>, [ref][r] and
        [external](https://example.org/x y) and `[not](a link)` and [[in **bold**]].

        [r]: /ref/target

        | KPI | Link |
        | --- | --- |
        | [[kpis/fcr]] | [cell](a.md) and [[x|y]] |

        ## Heading with [a link](h.md) {#custom}

        > - quoted [[list|item]]
        >   with ![alt *text*](pic.png)
        """

    @Test func everyByteOfADestinationOrTitleIsWrittenAsCmarkWritesIt() {
        var characters = (1...127).map { String(UnicodeScalar(UInt8($0))) }.filter { $0 != "\n" && $0 != "\r" }
        characters += ["é", "日本", "🙂", "\u{2028}", "\u{A0}", "%41", "&amp;"]
        for c in characters {
            let (direct, filled) = Self.bothWays(Self.everyForm) { i, link in
                i % 5 == 4 ? nil : ResolvedLink(url: "/base/x\(c)y/#a\(c)", label: link.form == .wikilink ? "T\(c)itle" : nil)
            }
            #expect(filled == direct, "character \(c.unicodeScalars.map { $0.value })")
        }
    }

    @Test func linksLeftAsWrittenKeepTheirDestinationAndText() {
        let (direct, filled) = Self.bothWays(Self.everyForm) { _, _ in nil }
        #expect(filled == direct)
        #expect(direct.contains(#"href="https://example.org/a?b=1&amp;c=2""#))
    }

    @Test func destinationsThatCouldRunScriptAreLeftOutUnlessUnsafeHTMLIsOn() {
        let urls = ["javascript:alert(1)", "JavaScript:x", "vbscript:x", "FILE:///etc/passwd", "data:text/html,<b>",
                    "data:image/png;base64,AAAA", "DATA:IMAGE/GIF;x", "data:image/svg+xml,x", "data:image/webp,x",
                    " javascript:x", "java script:x", "https://ok.example/"]
        for unsafe in [false, true] {
            for url in urls {
                let options = MarkdownOptions(unsafeHTML: unsafe)
                let (direct, filled) = Self.bothWays(Self.everyForm, options: options) { _, _ in ResolvedLink(url: url, label: "L") }
                #expect(filled == direct, "\(url), unsafe HTML \(unsafe)")
            }
        }
    }

    @Test func optionsShapeBothTheSame() {
        let body = Self.everyForm + "\n\nline one\nline two with <span>html</span> and \"quotes\" -- dashes...\n\n<div>block</div>\n"
        for options in [MarkdownOptions(smartPunctuation: false), MarkdownOptions(unsafeHTML: true), MarkdownOptions(hardBreaks: true)] {
            let (direct, filled) = Self.bothWays(body, options: options) { i, _ in ResolvedLink(url: "/p\(i)/", label: "Page \(i)") }
            #expect(filled == direct)
        }
    }

    @Test func bodiesWithoutLinksAndEmptyBodies() {
        for body in ["", "Just text.\n", "# Title\n\n- a\n- b\n", "```\n[[code]] [a](b)\n```\n"] {
            let (direct, filled) = Self.bothWays(body) { _, _ in nil }
            #expect(filled == direct, "\(body)")
        }
    }

    /// Text that could be taken for a placeholder: no template, so the page is rendered from
    /// the Markdown, as before.
    @Test func bodiesThatCouldHoldAPlaceholderGetNone() {
        let bodies = ["Private use \u{E000}0\u{E001} here [a](b).\n", "[a](%EE%80%800%EE%80%81)\n", "[a](%ee%80%80x)\n",
                      "An entity &#57344; and [a](b)\n", "[a](&#xE000;)\n", "Text \u{E002}0\u{E003} [[t]]\n"]
        for body in bodies {
            let analysis = MarkdownRenderer.analyse(body, options: MarkdownOptions(), lineOffset: 0, file: "content/t.md", template: true)
            #expect(analysis.template == nil, "\(body)")
        }
    }

    @Test func noTemplateUnlessAskedFor() {
        let analysis = MarkdownRenderer.analyse("[a](b)\n", options: MarkdownOptions(), lineOffset: 0, file: "content/t.md")
        #expect(analysis.template == nil)
    }

    /// A link inside an image's description is written as plain alt text, so its placeholder
    /// never reaches the HTML: the body gets no template and renders from the Markdown.
    @Test func aLinkInsideAnImageDescriptionMeansNoTemplate() {
        let body = "![alt [nested](n.md)](pic.png) and [a](b)\n"
        let analysis = MarkdownRenderer.analyse(body, options: MarkdownOptions(), lineOffset: 0, file: "content/t.md", template: true)
        #expect(analysis.links.count == 3)
        #expect(analysis.template == nil)
    }

    @Test func aTemplateMissingAPlaceholderIsRefused() {
        let links = [MarkdownLink(target: "a", form: .markdown, hasLabel: true, label: "a", line: 1, column: 1,
                                  contextBefore: "", contextAfter: "")]
        #expect(BodyTemplate.make(html: Array("<p>no placeholder</p>".utf8), links: links) == nil)
        let twice = "<a href=\"%EE%80%800%EE%80%81\">x</a><a href=\"%EE%80%800%EE%80%81\">x</a>"
        #expect(BodyTemplate.make(html: Array(twice.utf8), links: links) == nil)
        let once = "<a href=\"%EE%80%800%EE%80%81\">x</a>"
        #expect(BodyTemplate.make(html: Array(once.utf8), links: links) != nil)
    }
}
