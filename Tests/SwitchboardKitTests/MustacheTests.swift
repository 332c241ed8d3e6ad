import Testing
@testable import SwitchboardKit

/// Our Mustache engine against the behaviour the Mustache spec describes: interpolation and
/// escaping, sections and inverted sections, dotted names and the context stack, comments,
/// standalone lines, partials with indentation, set delimiters, and inheritance.
@Suite("Mustache engine")
struct MustacheTests {
    static func render(_ template: String, _ data: [String: Any], partials: [String: String] = [:]) -> String? {
        var sources: [String: (text: String, file: String)] = ["t": (template, "t")]
        for (name, text) in partials { sources[name] = (text, name) }
        let (set, diagnostics) = TemplateSet.load(sources)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return set.render(data, template: "t")
    }

    @Test func interpolationEscapesHTML() {
        #expect(Self.render("Hi {{name}}!", ["name": "<b>&\"'"]) == "Hi &lt;b&gt;&amp;&quot;&#39;!")
        #expect(Self.render("{{{name}}} {{&name}}", ["name": "<b>"]) == "<b> <b>")
        #expect(Self.render("[{{missing}}]", [:]) == "[]")
        #expect(Self.render("{{n}} {{b}}", ["n": 42, "b": true]) == "42 true")
    }

    @Test func sections() {
        #expect(Self.render("{{#list}}<{{.}}>{{/list}}", ["list": ["a", "b"]]) == "<a><b>")
        #expect(Self.render("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", ["flag": false]) == "no")
        #expect(Self.render("{{#flag}}yes{{/flag}}", ["flag": true]) == "yes")
        #expect(Self.render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", ["empty": [String]()]) == "none")
        #expect(Self.render("{{#s}}[{{s}}]{{/s}}{{^e}}empty{{/e}}", ["s": "text", "e": ""]) == "[text]empty")
        #expect(Self.render("{{#o}}{{name}} in {{place}}{{/o}}", ["o": ["name": "x"], "place": "outer"]) == "x in outer")
    }

    @Test func dottedNamesResolveTheFirstPartUpTheStack() {
        let data: [String: Any] = ["a": ["b": ["c": "deep"]], "list": [["x": "1"]]]
        #expect(Self.render("{{a.b.c}}", data) == "deep")
        #expect(Self.render("{{#list}}{{x}}-{{a.b.c}}{{/list}}", data) == "1-deep")
        #expect(Self.render("{{a.missing.c}}", data) == "")
    }

    @Test func commentsAndStandaloneLinesDisappear() {
        #expect(Self.render("a{{! note }}b", [:]) == "ab")
        #expect(Self.render("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n", ["l": ["x", "y"]])
                == "<ul>\n  <li>x</li>\n  <li>y</li>\n</ul>\n")
        #expect(Self.render("  {{! standalone comment }}\nnext", [:]) == "next")
        #expect(Self.render("a {{#t}}b{{/t}} c\n", ["t": true]) == "a b c\n", "tags inside a line leave it alone")
    }

    @Test func partialsKeepTheStandaloneIndentation() {
        #expect(Self.render("<div>\n  {{> item}}\n</div>", ["v": "x"], partials: ["item": "<p>{{v}}</p>\n<p>2</p>\n"])
                == "<div>\n  <p>x</p>\n  <p>2</p>\n</div>")
        #expect(Self.render("[{{>item}}]", ["v": "y"], partials: ["item": "{{v}}"]) == "[y]")
    }

    @Test func setDelimiters() {
        #expect(Self.render("{{=<% %>=}}<% name %> {{name}} <%={{ }}=%>{{name}}", ["name": "n"]) == "n {{name}} n")
    }

    @Test func inheritanceOverridesBlocks() {
        let partials = ["base": "<h1>{{$title}}Default{{/title}}</h1>{{$body}}none{{/body}}"]
        #expect(Self.render("{{<base}}{{$title}}Mine{{/title}}{{/base}}", [:], partials: partials) == "<h1>Mine</h1>none")
        #expect(Self.render("{{<base}}{{$body}}{{x}}{{/body}}ignored{{/base}}", ["x": "B"], partials: partials) == "<h1>Default</h1>B")
        // A block of the template itself renders its default.
        #expect(Self.render("{{$b}}default{{/b}}", [:]) == "default")
    }

    @Test func errors() {
        let (_, d1) = TemplateSet.load(["t": ("{{#a}}x", "t")])
        #expect(d1.first?.message == "template syntax error: '{{#a}}' is never closed")
        let (_, d2) = TemplateSet.load(["t": ("x {{a b}}", "t")])
        #expect(d2.first?.message == "template syntax error: a tag name cannot contain spaces: 'a b'")
        let (_, d3) = TemplateSet.load(["t": ("{{/a}}", "t")])
        #expect(d3.first?.message == "template syntax error: '{{/a}}' closes a section that was never opened")
        let (_, d4) = TemplateSet.load(["t": ("{{=<%>=}}", "t")])
        #expect(d4.first?.code == .templateSyntax)
    }

    @Test func mentionedKeysCoverEveryNameSegment() {
        let (set, _) = TemplateSet.load(["t": ("{{page.title}}{{#page.backlinks}}{{url}}{{/page.backlinks}}", "t")])
        #expect(set.uses("backlinks") && set.uses("title") && set.uses("url") && !set.uses("related"))
    }

    /// View-model objects keep pairs, not a dictionary: a key set again replaces its value,
    /// nil removes it, merging replaces, and a literal's later duplicate wins (as assignment would).
    @Test func templateObjectsBehaveLikeDictionaries() {
        var object: TemplateObject = ["a": .string("1"), "b": .bool(true), "a": .string("2")]
        #expect(object.count == 2)
        guard case .string("2")? = object["a"] else { Issue.record("a later pair replaces an earlier one"); return }
        object["b"] = nil
        object["c"] = .number("3")
        #expect(object["b"] == nil && object.count == 2)
        object.merge(["c": .string("x"), "d": .bool(false)])
        #expect(object.pairs.map(\.key) == ["a", "c", "d"])
        guard case .string("x")? = object["c"] else { Issue.record("merging replaces"); return }
        let many = Dictionary(uniqueKeysWithValues: (0..<500).map { ("k\($0)", "v\($0)") })
        guard case .object(let converted)? = TemplateValue.from(many) else { Issue.record("a dictionary becomes an object"); return }
        #expect(converted.count == 500)
        guard case .string("v499")? = converted["k499"] else { Issue.record("every key is kept"); return }
        #expect(Self.render("{{#o}}{{k7}}{{/o}}", ["o": many]) == "v7")
    }
}
