import Foundation

/// The theme's Mustache templates, parsed once and checked before any page is rendered:
/// syntax errors, partials that do not exist and partials that include themselves are
/// diagnostics naming the template file, never a crash or an endless render.
///
/// The Mustache engine is our own (Render/Mustache/): it renders straight into bytes from
/// typed values, several times faster than a general library that works on `Any` and casts
/// every value it meets — rendering is the largest part of a build.
public struct TemplateSet: Sendable {
    let templates: [String: MustacheTemplate]
    public let names: Set<String>
    /// Every name segment any template mentions (`page.local_graph` → `page`, `local_graph`):
    /// view-model values no template asks for are not computed.
    public let mentionedKeys: Set<String>
    /// A hash of every template's name and text: part of every page's cache key.
    public let fingerprint: UInt64

    public func uses(_ key: String) -> Bool { mentionedKeys.contains(key) }

    /// Template names are relative paths without `.mustache`: `entry`, `partials/head`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".." && !segment.hasPrefix(".")
                && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }

    /// A hash of every template's name and text: what `fingerprint` of the set loaded from
    /// `sources` is, known before parsing them.
    static func fingerprint(of sources: [String: (text: String, file: String)]) -> UInt64 {
        var fingerprint = ContentHash()
        for name in sources.keys.sorted() {
            fingerprint.update(name)
            fingerprint.update(sources[name]!.text)
        }
        return fingerprint.value
    }

    /// - Parameter sources: template name → (text, path relative to the hub root).
    public static func load(_ sources: [String: (text: String, file: String)]) -> (TemplateSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var includes: [String: [(name: String, line: Int, column: Int)]] = [:]
        var keys = Set<String>()
        for name in sources.keys.sorted() {
            let (text, file) = sources[name]!
            switch MustacheParser.parse(text) {
            case .success(let template):
                templates[name] = template
                includes[name] = partialReferences(in: text)
                keys.formUnion(template.mentionedKeys)
            case .failure(let error):
                diagnostics.append(.error(.templateSyntax, "template syntax error: \(error.message)",
                                          at: SourceLocation(file: file, line: error.line, column: error.column),
                                          hint: "check that every {{#section}} is closed by a matching {{/section}} and every tag by }}"))
            }
        }
        // Every partial must exist; no template may reach itself through partials.
        for name in includes.keys.sorted() {
            let file = sources[name]!.file
            for ref in includes[name]! where templates[ref.name] == nil && !sources.keys.contains(ref.name) {
                diagnostics.append(.error(.missingTemplate, "template '\(name)' includes '\(ref.name)', which does not exist",
                                          at: SourceLocation(file: file, line: ref.line, column: ref.column),
                                          hint: Suggestions.didYouMean(ref.name, in: templates.keys.sorted()).map { $0 } ?? "create templates/\(ref.name).mustache"))
            }
        }
        for cycle in cycles(in: includes.mapValues { $0.map(\.name) }) {
            let file = sources[cycle[0]]!.file
            let ref = includes[cycle[0]]!.first { $0.name == cycle[1 % cycle.count] }
            diagnostics.append(.error(.templateRecursion, "template '\(cycle[0])' includes itself: " + (cycle + [cycle[0]]).joined(separator: " → "),
                                      at: SourceLocation(file: file, line: ref?.line ?? 1, column: ref?.column ?? 1),
                                      hint: "break the loop; a partial cannot include the template that includes it"))
        }
        if diagnostics.hasErrors {
            // Never render with a broken set.
            return (TemplateSet(templates: [:], names: [], mentionedKeys: [], fingerprint: 0), diagnostics)
        }
        return (TemplateSet(templates: templates, names: Set(templates.keys), mentionedKeys: keys, fingerprint: fingerprint(of: sources)),
                diagnostics)
    }

    /// Renders a template with a view model (dictionaries, arrays, strings, numbers, booleans).
    public func render(_ context: Any, template: String) -> String? {
        TemplateValue.from(context).flatMap { render($0, template: template) }
    }

    public func render(_ context: TemplateValue, template: String) -> String? {
        renderBytes(context, template: template).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The page as UTF-8 bytes, ready to be written: every piece is a Swift string's or the
    /// template's own UTF-8, so there is nothing to check or convert on the way to the file.
    func renderBytes(_ context: TemplateValue, template: String) -> [UInt8]? {
        MustacheRenderer(templates: templates).render(template, context: context)
    }

    /// `{{> name}}` and `{{< name}}` references, with their positions. Dynamic partials
    /// (`{{>*name}}`) are left out: they are looked up at render time and render nothing if absent.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        var line = 1, column = 1
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == "{", i + 2 < chars.count, chars[i + 1] == "{", chars[i + 2] == ">" || chars[i + 2] == "<" {
                var j = i + 3
                while j < chars.count, chars[j] == " " { j += 1 }
                var name = ""
                while j < chars.count, chars[j] != "}", chars[j] != " " { name.unicodeScalars.append(chars[j]); j += 1 }
                if !name.isEmpty && !name.hasPrefix("*") { result.append((name, line, column)) }
            }
            if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        return result
    }

    /// Each cycle once, starting from its smallest name.
    static func cycles(in graph: [String: [String]]) -> [[String]] {
        var found: [[String]] = []
        var seen = Set<[String]>()
        func visit(_ node: String, _ path: [String]) {
            if let start = path.firstIndex(of: node) {
                var cycle = Array(path[start...])
                let minIndex = cycle.indices.min { cycle[$0] < cycle[$1] }!
                cycle = Array(cycle[minIndex...] + cycle[..<minIndex])
                if seen.insert(cycle).inserted { found.append(cycle) }
                return
            }
            guard path.count < 64 else { return }
            for next in graph[node] ?? [] where graph[next] != nil { visit(next, path + [node]) }
        }
        for node in graph.keys.sorted() { visit(node, []) }
        return found.sorted { $0.joined() < $1.joined() }
    }
}
