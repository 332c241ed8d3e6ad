import Foundation
import Testing
@testable import SwitchboardKit
import CCmark

/// GitHub-style pipe tables, checked against the GFM spec 0.29 table examples (198–205).
///
/// Our markup differs from GFM's in three documented ways: the table is wrapped in a
/// scrollable `<div class="table-scroll" …>`, header cells carry `scope="col"`, and alignment
/// is written as `style="text-align: …"` instead of the obsolete `align=` attribute.
/// `gfm(_:)` undoes exactly those three differences so the spec's HTML can be compared
/// verbatim (after whitespace normalisation); `wrapperScopeAndAlignmentAreWrittenOurWay` checks
/// our own spelling once, exactly.
@Suite("Pipe tables (GFM spec 0.29, examples 198–205)")
struct PipeTableTests {
    enum SiteLabels {
        static func of(_ html: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: #"class="table-scroll"[^>]*aria-label="([^"]*)""#)
            return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
                Range($0.range(at: 1), in: html).map { String(html[$0]) }
            }
        }
    }

    /// `<div class="table-scroll" tabindex="0" role="region" aria-label="…"><table>`: the label
    /// names the table for screen readers and is checked on its own below.
    static let open = try! NSRegularExpression(
        pattern: #"<div class="table-scroll" tabindex="0" role="region" aria-label="[^"]*"><table>"#)
    static let close = "</table></div>"

    /// Our HTML, normalised and translated to GFM's spelling.
    static func gfm(_ markdown: String) -> String {
        var html = TestSupport.normalise(TestSupport.render(markdown))
        // Every wrapper we open must be closed by us: count them before removing.
        let opens = open.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html))
        let closes = html.components(separatedBy: close).count - 1
        #expect(opens == closes, "unbalanced table wrapper in \(html)")
        html = open.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "<table>")
        html = html.replacingOccurrences(of: close, with: "</table>")
        html = html.replacingOccurrences(of: #" scope="col""#, with: "")
        for a in ["left", "center", "right"] {
            html = html.replacingOccurrences(of: #" style="text-align: \#(a)""#, with: #" align="\#(a)""#)
        }
        return html
    }

    static func spec(_ html: String) -> String { TestSupport.normalise(html) }

    // Example 198
    @Test func basicTable() {
        let md = """
        | foo | bar |
        | --- | --- |
        | baz | bim |
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th>foo</th>
        <th>bar</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>baz</td>
        <td>bim</td>
        </tr>
        </tbody>
        </table>
        """))
    }

    /// The only test that looks at our own spelling, whitespace and all (but newlines).
    @Test func wrapperScopeAndAlignmentAreWrittenOurWay() {
        let md = "| a | b | c | d |\n| :-- | :-: | --: | --- |\n| 1 | 2 | 3 | 4 |\n"
        let html = TestSupport.normalise(TestSupport.render(md))
        #expect(html == #"<div class="table-scroll" tabindex="0" role="region" aria-label="Table 1: a, b, c, d"><table>"#
            + #"<thead><tr><th scope="col" style="text-align: left">a</th><th scope="col" style="text-align: center">b</th>"#
            + #"<th scope="col" style="text-align: right">c</th><th scope="col">d</th></tr></thead>"#
            + #"<tbody><tr><td style="text-align: left">1</td><td style="text-align: center">2</td>"#
            + #"<td style="text-align: right">3</td><td>4</td></tr></tbody>"# + Self.close)
        #expect(!html.contains("align=\""))
    }

    @Test func scrollRegionsHaveUniqueEscapedLabels() {
        let md = "| *KPI* | `Formula` | A & B |\n|---|---|---|\n\ntext\n\n| KPI |\n|---|\n"
        let labels = SiteLabels.of(TestSupport.render(md))
        #expect(labels == ["Table 1: KPI, Formula, A &amp; B", "Table 2: KPI"])
    }

    // Example 199
    @Test func inlineMarkupAndAlignment() {
        let md = """
        | abc | defghi |
        :-: | -----------:
        bar | baz
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th align="center">abc</th>
        <th align="right">defghi</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="center">bar</td>
        <td align="right">baz</td>
        </tr>
        </tbody>
        </table>
        """))
    }

    @Test func cellsHoldInlineMarkdown() {
        let md = "| *em* | **strong** | [link](https://example.org/) |\n|---|---|---|\n| a\\*b | <b>x</b> | `code` |\n"
        #expect(Self.gfm(md) == "<table><thead><tr>"
            + "<th><em>em</em></th><th><strong>strong</strong></th><th><a href=\"https://example.org/\">link</a></th>"
            + "</tr></thead><tbody><tr>"
            + "<td>a*b</td><td><!-- raw HTML omitted -->x<!-- raw HTML omitted --></td><td><code>code</code></td>"
            + "</tr></tbody></table>")
    }

    @Test func unescapedPipeInACodeSpanSplitsTheCell() {
        // As in GFM: the row is split on pipes before inlines are parsed.
        let md = "| a | b | c |\n|---|---|---|\n| `co|de` | x |\n"
        #expect(Self.gfm(md) == "<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead>"
            + "<tbody><tr><td>`co</td><td>de`</td><td>x</td></tr></tbody></table>")
    }

    // Example 200
    @Test func escapedPipesInsideCellsAndCodeSpans() {
        let md = """
        | f\\|oo  |
        | ------ |
        | b `\\|` az |
        | b **\\|** im |
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th>f|oo</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>b <code>|</code> az</td>
        </tr>
        <tr>
        <td>b <strong>|</strong> im</td>
        </tr>
        </tbody>
        </table>
        """))
    }

    // Example 201
    @Test func tableEndsAtTheStartOfABlockQuote() {
        let md = """
        | abc | def |
        | --- | --- |
        | bar | baz |
        > bar
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th>abc</th>
        <th>def</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>bar</td>
        <td>baz</td>
        </tr>
        </tbody>
        </table>
        <blockquote>
        <p>bar</p>
        </blockquote>
        """))
    }

    // Example 202
    @Test func followingLineBecomesARowAndBlankLineEndsTheTable() {
        let md = """
        | abc | def |
        | --- | --- |
        | bar | baz |
        bar

        bar
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th>abc</th>
        <th>def</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>bar</td>
        <td>baz</td>
        </tr>
        <tr>
        <td>bar</td>
        <td></td>
        </tr>
        </tbody>
        </table>
        <p>bar</p>
        """))
    }

    @Test func tableEndsAtOtherBlockStarts() {
        let md = "| a |\n| - |\n| 1 |\n# Heading\n"
        let html = Self.gfm(md)
        #expect(html.hasPrefix("<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"))
        #expect(html.contains(#"<h1 id="heading">"#))
        let list = Self.gfm("| a |\n| - |\n| 1 |\n- item\n")
        #expect(list == "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><ul><li>item</li></ul>")
    }

    // Example 203
    @Test func headerAndDelimiterCellCountMismatchIsNotATable() {
        let md = """
        | abc | def |
        | --- |
        | bar |
        """
        #expect(Self.gfm(md) == Self.spec("""
        <p>| abc | def |
        | --- |
        | bar |</p>
        """))
    }

    // Example 204
    @Test func shortRowsArePaddedAndLongRowsTruncated() {
        let md = """
        | abc | def |
        | --- | --- |
        | bar |
        | bar | baz | boo |
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th>abc</th>
        <th>def</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>bar</td>
        <td></td>
        </tr>
        <tr>
        <td>bar</td>
        <td>baz</td>
        </tr>
        </tbody>
        </table>
        """))
        #expect(!TestSupport.render(md).contains("boo"))
    }

    // Example 205
    @Test func tableWithoutBodyRowsHasNoTbody() {
        let md = """
        | abc | def |
        | --- | --- |
        """
        #expect(Self.gfm(md) == Self.spec("""
        <table>
        <thead>
        <tr>
        <th>abc</th>
        <th>def</th>
        </tr>
        </thead>
        </table>
        """))
        #expect(!TestSupport.render(md).contains("<tbody>"))
    }

    // MARK: beyond the spec examples

    @Test func tableInsideFencedCodeStaysCode() {
        let md = "```\n| a | b |\n| - | - |\n| [x](missing.md) | d |\n```\n"
        let html = TestSupport.render(md)
        #expect(html == "<pre><code>| a | b |\n| - | - |\n| [x](missing.md) | d |\n</code></pre>\n")
        #expect(TestSupport.analyse(md).links.isEmpty, "a link inside code is not a link")
    }

    @Test func tableInsideIndentedCodeStaysCode() {
        let md = "Text.\n\n    | a | b |\n    | - | - |\n"
        #expect(TestSupport.render(md) == "<p>Text.</p>\n<pre><code>| a | b |\n| - | - |\n</code></pre>\n")
    }

    @Test func delimiterRowWithoutPipesIsASetextHeading() {
        #expect(Self.gfm("a | b\n---\n") == ##"<h2 id="a-b">a | b <a class="heading-anchor" href="#a-b" aria-hidden="true" tabindex="-1">#</a></h2>"##)
    }

    @Test func paragraphTextBeforeTheHeaderStaysAParagraph() {
        let md = "Intro *line*\n| a | b |\n| - | - |\n| 1 | 2 |\n"
        #expect(Self.gfm(md) == "<p>Intro <em>line</em></p><table><thead><tr><th>a</th><th>b</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>")
    }

    @Test func tableInsideABlockQuoteAndAList() {
        let quote = Self.gfm("> | a | b |\n> | - | - |\n> | 1 | 2 |\n")
        #expect(quote == "<blockquote><table><thead><tr><th>a</th><th>b</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>2</td></tr></tbody></table></blockquote>")
        let list = Self.gfm("- item\n\n  | a |\n  | - |\n  | 1 |\n")
        #expect(list == "<ul><li><p>item</p><table><thead><tr><th>a</th></tr></thead>"
            + "<tbody><tr><td>1</td></tr></tbody></table></li></ul>")
    }

    @Test func linksInCellsKeepTheirFilePositions() throws {
        // File line 3 + body line 3 = line 6; the link starts after "| one | ".
        let md = "| a | b |\n| - | - |\n| one | [two](../kpis/x.md) and [[kpis/y]] |\n"
        let links = TestSupport.analyse(md, lineOffset: 3).links
        #expect(links.map(\.target) == ["../kpis/x.md", "kpis/y"])
        #expect(links.map { "\($0.line):\($0.column)" } == ["6:9", "6:33"])
        #expect(links.map(\.form) == [.markdown, .wikilink])
    }

    @Test func linkColumnsInCellsCountCharacters() {
        let links = TestSupport.analyse("| é | [x](y.md) [[w]] |\n|--|--|\n").links
        #expect(links.map { "\($0.line):\($0.column)" } == ["1:7", "1:17"])
    }

    @Test
    func linkColumnsAfterAnEscapedPipeInTheSameCell() {
        let links = TestSupport.analyse("| a \\| [x](y.md) |\n|--|\n").links
        #expect(links.first?.column == 8)
    }

    @Test func escapedTrailingPipeStaysInTheLastCell() {
        #expect(Self.gfm("| a | b \\|\n|---|---|\n| 1 | 2 |\n") == "<table><thead><tr><th>a</th><th>b |</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>")
    }

    @Test func lazyContinuationRowOfAQuotedTable() {
        #expect(Self.gfm("> | a | b |\n> | - | - |\n| 1 | 2 |\n") == "<blockquote><table><thead><tr><th>a</th><th>b</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>2</td></tr></tbody></table></blockquote>")
    }

    @Test func lazyUnderlineAboveAQuotedTableStaysParagraphText() {
        // `=` is a lazy continuation line, not a setext underline: the text above the table
        // keeps it, and a wikilink there keeps its place (a FuzzMarkdown finding).
        #expect(Self.gfm(">x\n=\n| a |\n| - |\n").hasPrefix("<blockquote><p>x\n=</p><table>"))
        let links = TestSupport.analyse(">[[s]]\n=\n| a |\n| - |\n").links
        #expect(links.map { "\($0.line):\($0.column)" } == ["1:2"])
    }

    @Test
    func tableInterruptingAListItemParagraphKeepsTheItemText() {
        #expect(Self.gfm("- item\n  | a |\n  | - |\n  | 1 |\n") == "<ul><li><p>item</p><table><thead><tr><th>a</th></tr></thead>"
            + "<tbody><tr><td>1</td></tr></tbody></table></li></ul>")
        #expect(Self.gfm("1. item\n   | a |\n   | - |\n").hasPrefix("<ol><li><p>item</p><table>"))
    }

    @Test func cellTextThatLooksLikeABlockStartStaysInline() {
        let md = "| a | b |\n| - | - |\n| # not a heading | - not a list |\n"
        #expect(Self.gfm(md) == "<table><thead><tr><th>a</th><th>b</th></tr></thead>"
            + "<tbody><tr><td># not a heading</td><td>- not a list</td></tr></tbody></table>")
    }

    @Test func cellsAreEscaped() {
        let md = "| a |\n| - |\n| 1 < 2 & 3 |\n"
        #expect(Self.gfm(md).contains("<td>1 &lt; 2 &amp; 3</td>"))
    }

    @Test func aWikilinkLabelDoesNotSplitTheCell() {
        let md = "| term | link |\n| - | - |\n| AHT | see [[kpis/aht|handle time]] here |\n"
        let html = MarkdownRenderer.render(md, options: MarkdownOptions(smartPunctuation: false), lineOffset: 0, file: "f") { link in
            ResolvedLink(url: "/" + link.target + "/")
        }
        #expect(html.contains(#"<a href="/kpis/aht/">handle time</a>"#))
        #expect(Self.gfm(md).contains("<td>see <a href=\"kpis/aht\">handle time</a> here</td>"))
        // The row still has exactly two cells.
        #expect(Self.gfm(md).components(separatedBy: "<td>").count == 3)
    }

    /// Plain cells skip the inline parse: that must never change what a cell says. Every text
    /// `isPlain` accepts must parse (after the "a " the parse puts before a cell) to one text
    /// node holding exactly that text, with smart punctuation on and off.
    @Test func aCellTakenAsPlainIsWhatCmarkWouldHaveMadeOfIt() {
        let alphabet = Array("ab Z09 ,;:/%+=#()?@$^{}~.-'\"*_`[]!<>&\\|\t\u{0}é—’…日".unicodeScalars)
        var random = SeededRandom(seed: 7)
        var accepted = 0
        for round in 0..<20_000 {
            let length = 1 + Int(random.next() % 12)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            // Cells arrive trimmed of spaces and tabs, and empty ones are never parsed.
            let cell = String(String(text).drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            guard !cell.isEmpty else { continue }
            for smart in [true, false] where PipeTables.isPlain(cell, smart: smart) {
                accepted += 1
                let tree = CmarkTree("a " + cell, options: CMARK_OPT_SOURCEPOS | (smart ? CMARK_OPT_SMART : 0))!
                cmark_consolidate_text_nodes(tree.root)
                let paragraphs = CmarkNode.children(tree.root)
                let inlines = paragraphs.first.map(CmarkNode.children) ?? []
                let literal = inlines.count == 1 && CmarkNode.is(inlines[0], CMARK_NODE_TEXT) ? CmarkNode.literal(inlines[0]) : nil
                let expected = "a " + cell
                #expect(paragraphs.count == 1 && literal == expected, "\(cell.debugDescription) smart: \(smart), round \(round)")
            }
        }
        #expect(accepted > 1_000)
        // The corpus's cells and the usual suspects.
        #expect(PipeTables.isPlain("outsourcing handoff", smart: true))
        #expect(PipeTables.isPlain("26 (± 3%)", smart: true))
        #expect(!PipeTables.isPlain("don't", smart: true) && PipeTables.isPlain("don't", smart: false))
        #expect(!PipeTables.isPlain("*bold*", smart: false) && !PipeTables.isPlain("a & b", smart: false))
    }
}
