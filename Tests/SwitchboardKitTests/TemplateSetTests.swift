import Testing
@testable import SwitchboardKit

@Suite("Templates")
struct TemplateSetTests {
    static func load(_ templates: [String: String]) -> (TemplateSet, [Diagnostic]) {
        var sources: [String: (text: String, file: String)] = [:]
        for (name, text) in templates { sources[name] = (text, "templates/\(name).mustache") }
        return TemplateSet.load(sources)
    }

    @Test func validSetRendersWithPartialsAndInheritance() throws {
        let (set, diagnostics) = Self.load([
            "base": "<title>{{site.title}}</title>{{$main}}default{{/main}}",
            "entry": "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{> partials/meta}}{{/main}}{{/base}}",
            "partials/meta": "<p>{{#page.tags}}[{{.}}]{{/page.tags}}</p>",
        ])
        #expect(diagnostics.isEmpty)
        #expect(set.names == ["base", "entry", "partials/meta"])
        let html = set.render(["site": ["title": "Hub & co"], "page": ["title": "<AHT>", "tags": ["a", "b"]]] as [String: Any],
                              template: "entry")
        #expect(html == "<title>Hub &amp; co</title><h1>&lt;AHT&gt;</h1><p>[a][b]</p>")
    }

    @Test func syntaxErrorIsReportedAtItsPosition() throws {
        let (set, diagnostics) = Self.load(["entry": "<main>\n{{#page}}\n  {{title}}\n{{/pgae}}\n</main>"])
        try #require(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.code == .templateSyntax)
        #expect(d.message == "template syntax error: '{{/pgae}}' closes 'page', opened at line 2")
        #expect(d.location == SourceLocation(file: "templates/entry.mustache", line: 4, column: 1))
        #expect(d.hint == "check that every {{#section}} is closed by a matching {{/section}} and every tag by }}")
        #expect(set.names.isEmpty, "a broken set is never used to render")
    }

    @Test func unclosedSectionIsReportedWhereItOpens() {
        let (_, diagnostics) = Self.load(["list": "<ul>\n{{#items}}\n<li>{{.}}</li>\n"])
        #expect(diagnostics.map(\.message) == ["template syntax error: '{{#items}}' is never closed"])
        #expect(diagnostics.first?.location == SourceLocation(file: "templates/list.mustache", line: 2, column: 1))
    }

    @Test
    func unclosedTagSaysSo() {
        let (_, diagnostics) = Self.load(["page": "<p>\n  {{name"])
        #expect(diagnostics.map(\.code) == [.templateSyntax])
        #expect(diagnostics.first?.message == "template syntax error: a tag is not closed with }}")
        #expect(diagnostics.first?.location == SourceLocation(file: "templates/page.mustache", line: 2, column: 3))
    }

    @Test func missingPartialIsReportedAtTheInclude() throws {
        let (set, diagnostics) = Self.load([
            "entry": "<main>\n  <p>x</p> {{> partials/heder}}\n</main>",
            "partials/header": "<header></header>",
        ])
        try #require(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.code == .missingTemplate)
        #expect(d.message == "template 'entry' includes 'partials/heder', which does not exist")
        #expect(d.location == SourceLocation(file: "templates/entry.mustache", line: 2, column: 12))
        #expect(d.hint == "did you mean 'partials/header'?")
        #expect(set.names.isEmpty)
    }

    @Test func missingParentIsReportedToo() {
        let (_, diagnostics) = Self.load(["entry": "{{< layout}}{{$main}}x{{/main}}{{/layout}}"])
        #expect(diagnostics.map(\.code) == [.missingTemplate])
        #expect(diagnostics.first?.hint == "create templates/layout.mustache")
        #expect(diagnostics.first?.location == SourceLocation(file: "templates/entry.mustache", line: 1, column: 1))
    }

    @Test func selfRecursionIsDetected() throws {
        let (set, diagnostics) = Self.load(["tree": "<ul>\n{{#children}}<li>{{> tree}}</li>{{/children}}\n</ul>"])
        try #require(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.code == .templateRecursion)
        #expect(d.message == "template 'tree' includes itself: tree → tree")
        #expect(d.location == SourceLocation(file: "templates/tree.mustache", line: 2, column: 18))
        #expect(set.names.isEmpty, "rendering a recursive set would never end")
    }

    @Test func recursionThroughOtherPartialsIsDetectedOnce() {
        let (_, diagnostics) = Self.load([
            "a": "x\n {{> b}}",
            "b": "{{> c}}",
            "c": "{{> a}}",
            "d": "{{> a}}",
        ])
        #expect(diagnostics.map(\.code) == [.templateRecursion])
        #expect(diagnostics.first?.message == "template 'a' includes itself: a → b → c → a")
        #expect(diagnostics.first?.location == SourceLocation(file: "templates/a.mustache", line: 2, column: 2))
    }

    @Test func dynamicPartialsAreNotChecked() {
        let (_, diagnostics) = Self.load(["entry": "{{>*dynamic}}"])
        #expect(diagnostics.isEmpty)
    }

    @Test func templateNames() {
        #expect(TemplateSet.isValidName("entry"))
        #expect(TemplateSet.isValidName("partials/head_2"))
        for bad in ["", "../etc/passwd", "a//b", ".hidden", "a b", "a.mustache", "é"] {
            #expect(!TemplateSet.isValidName(bad), "\(bad)")
        }
    }

    @Test func partialReferencesHaveLineAndColumn() {
        let refs = TemplateSet.partialReferences(in: "ab\n  {{>  p1}} {{< p2 }}\n{{>*dyn}}")
        #expect(refs.map(\.name) == ["p1", "p2"])
        #expect(refs.map { "\($0.line):\($0.column)" } == ["2:3", "2:13"])
    }
}
