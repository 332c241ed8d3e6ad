import Foundation
import Testing
@testable import SwitchboardKit

/// A hub in a throwaway folder for the adversarial suite, and the checks every build in the
/// suite must pass whatever its input:
///
/// - nothing outside the output folder is created, changed or removed (the whole sandbox is
///   snapshot before and after; the output sits a few folders deep, so a path that climbs out
///   of it with `../..` still lands inside the snapshot);
/// - no staging or old folder is left beside the output;
/// - a failed build leaves the previous output byte-identical (every sandbox starts with the
///   output of an earlier, clean build in place);
/// - every error names a file;
/// - a successful build's HTML passes `SafeHTML`: no script but the theme's own, no event
///   handler attributes, no `javascript:`/`data:` URLs, JSON in `<script>` that cannot close it.
final class Sandbox: @unchecked Sendable {
    enum Theme {
        /// The small templates of `Fixtures/clean-hub` (no scripts).
        case fixture
        /// The bundled theme (`templates/` at the repository root): search, self-assessment
        /// data in a JSON `<script>`, charts, graphs: every place a value can reach a page.
        case bundled
    }

    let root: URL
    let hub: URL
    let output: URL
    /// The output of the earlier build, as it was before this sandbox's build.
    private(set) var previousOutput: [String: Data] = [:]

    init(_ label: String, theme: Theme = .fixture, overlays: [String] = [], previousOutput: Bool = true) async throws {
        root = Hubs.temporaryDirectory("sb-adv-\(label)")
        hub = root.appendingPathComponent("hub")
        output = root.appendingPathComponent("out/a/b/public")
        let fm = FileManager.default
        try fm.copyItem(at: Hubs.fixtures.appendingPathComponent("clean-hub"), to: hub)
        for overlay in overlays { try Hubs.merge(Hubs.fixtures.appendingPathComponent(overlay), into: hub) }
        if theme == .bundled {
            try fm.removeItem(at: hub.appendingPathComponent("templates"))
            try fm.copyItem(at: Hubs.repositoryRoot.appendingPathComponent("templates"), to: hub.appendingPathComponent("templates"))
        }
        try fm.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        if previousOutput {
            try fm.copyItem(at: await CleanOutput.shared.folder(), to: output)
            self.previousOutput = Hubs.snapshot(output)
        }
    }

    deinit {
        // Read-only test folders must be writable again before they can be removed.
        chmodTree(root, mode: 0o755)
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: editing the hub

    func url(_ path: String) -> URL { hub.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// Replaces the one occurrence of `old` in a hub file.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        try #require(text.components(separatedBy: old).count == 2, "'\(old)' occurs once in \(path)")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url(path))
    }

    /// An entry of the `kpis` collection with valid required fields, then `extra` front matter.
    func kpi(_ name: String, frontMatter extra: String = "", body: String = "Text.\n", title: String = "A KPI") throws {
        try write("content/kpis/\(name).md", "---\ntitle: \(title)\nunit: seconds\ngeneration: legacy\n\(extra)---\n\(body)")
    }

    // MARK: building

    /// Builds the hub and checks the invariants every adversarial build must hold.
    @discardableResult
    func build(baseURL: String? = nil, drafts: Bool = false, output: URL? = nil,
               sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> BuildReport {
        let target = output ?? self.output
        let outside = snapshotOutside(target)
        var options = BuildOptions()
        options.root = hub.path
        options.output = target.path
        options.baseURL = baseURL
        options.drafts = drafts
        let report = await Builder.build(options)
        check(report, output: target, outsideBefore: outside, sourceLocation: sourceLocation)
        return report
    }

    func check(_ report: BuildReport, output target: URL, outsideBefore: [String: Data],
               sourceLocation: Testing.SourceLocation) {
        let failed = report.diagnostics.hasErrors || report.environmentError
        #expect(snapshotOutside(target) == outsideBefore, "nothing outside the output folder changed", sourceLocation: sourceLocation)
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)) ?? []
        #expect(siblings.allSatisfy { $0 == target.lastPathComponent }, "no staging folder left: \(siblings)", sourceLocation: sourceLocation)
        for d in report.diagnostics where d.severity == .error && d.code != .badBaseURL {
            #expect(d.location.map { !$0.file.isEmpty } == true, "the error names a file: \(d)", sourceLocation: sourceLocation)
        }
        if failed {
            #expect(report.pagesWritten == 0 && report.filesWritten == 0, sourceLocation: sourceLocation)
            if target == output && !previousOutput.isEmpty {
                #expect(Hubs.snapshot(target) == previousOutput, "the previous output is byte-identical", sourceLocation: sourceLocation)
            }
        } else {
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent(OutputStaging.marker).path),
                    sourceLocation: sourceLocation)
            let problems = SafeHTML.check(site: target)
            #expect(problems.isEmpty, "unsafe output:\n\(problems.prefix(20).joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    /// Every file of the sandbox that is not under `output`.
    func snapshotOutside(_ output: URL) -> [String: Data] {
        let prefix = String(output.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
        return Hubs.snapshot(root).filter { !($0.key == prefix || $0.key.hasPrefix(prefix + "/")) }
    }

    /// The written site's text file at `path`.
    func page(_ path: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) }
}

/// `file:line:col SBxxx` of each diagnostic, the suite's usual way of stating an exact outcome.
extension BuildReport {
    var summaries: [String] { diagnostics.map(Hubs.summary) }
    var human: String { diagnostics.map { DiagnosticFormatter.human($0, color: false) }.joined(separator: "\n") }
    var failed: Bool { diagnostics.hasErrors || environmentError }
}

func chmodTree(_ url: URL, mode: mode_t) {
    chmod(url.path, mode)
    guard let items = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
    for item in items {
        let child = url.appendingPathComponent(item)
        var info = stat()
        if lstat(child.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { chmodTree(child, mode: mode) }
    }
}

/// The output of one clean build of `clean-hub`, made once per test run and copied into each
/// sandbox as "the previous output" that a failed build must leave alone.
actor CleanOutput {
    static let shared = CleanOutput()
    /// The one build, started by the first caller. Callers arriving while it runs (the actor
    /// is re-entered at its `await`) wait for it instead of clearing its folder and starting
    /// another.
    private var built: Task<URL, Never>?

    func folder() async -> URL {
        if let built { return await built.value }
        let task = Task { await Self.build() }
        built = task
        return await task.value
    }

    private static func build() async -> URL {
        // Shared by every sandbox until the test process ends, so no sandbox can remove it.
        let parent = Hubs.temporaryDirectory("sb-adv-clean-output")
        let hub = try! Hubs.fixtureHub(in: parent)
        let output = parent.appendingPathComponent("public")
        let report = await Hubs.build(hub, output: output)
        precondition(!report.failed, "the clean fixture hub builds")
        return output
    }
}

// MARK: - Safe HTML

/// A strict reader of the HTML Switchboard writes. Every literal `<` in our output must start
/// a tag (text is always escaped), so reading tags is enough to find anything that could run:
/// a `<script>` that is not one of the theme's, an `on…=` attribute, a `javascript:` URL, an
/// `<iframe>` or `<object>`, a JSON `<script>` whose text could close the element.
enum SafeHTML {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        /// Byte offset just after the tag's `>`.
        var end: Int

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    static let forbiddenElements: Set<String> = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
                                                 "foreignobject", "set", "animate", "handler", "listener", "portal"]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                                             "cite", "srcset", "ping", "manifest", "codebase", "lowsrc", "dynsrc"]
    static let jsonScriptIDs: Set<String> = ["sb-assessment-data"]

    /// Problems in every HTML file of a written site (and every JSON file must parse).
    static func check(site: URL) -> [String] {
        var problems: [String] = []
        for (path, data) in Hubs.snapshot(site).sorted(by: { $0.key < $1.key }) {
            if path.hasSuffix(".html") {
                problems += check(String(decoding: data, as: UTF8.self)).map { "\(path): \($0)" }
            } else if path.hasSuffix(".json") {
                if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
                    problems.append("\(path): not valid JSON")
                }
            }
        }
        return problems
    }

    static func check(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        var problems: [String] = []
        var i = 0
        func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func starts(_ s: String, at k: Int) -> Bool {
            let u = Array(s.utf8)
            guard k + u.count <= bytes.count else { return false }
            for j in 0..<u.count where lower(bytes[k + j]) != u[j] { return false }
            return true
        }
        func find(_ s: String, from k: Int) -> Int? {
            var j = k
            while j < bytes.count { if starts(s, at: j) { return j }; j += 1 }
            return nil
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if starts("<!--", at: i) {
                guard let end = find("-->", from: i + 4) else { problems.append("unclosed comment"); break }
                i = end + 3
            } else if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                i = (find(">", from: i) ?? bytes.count) + 1
            } else if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                i = (find(">", from: i) ?? bytes.count) + 1
            } else if i + 1 < bytes.count, isLetter(bytes[i + 1]) {
                guard let tag = readTag(bytes, from: i) else { problems.append("unterminated tag at byte \(i)"); break }
                problems += check(tag)
                i = tag.end
                if tag.name == "script" {
                    guard let close = find("</script", from: i) else { problems.append("<script> never closed"); break }
                    let body = String(decoding: bytes[i..<close], as: UTF8.self)
                    if tag.attribute("type") == "application/json" {
                        if body.contains("<") { problems.append("'<' inside a JSON <script>") }
                        if (try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])) == nil {
                            problems.append("the JSON <script> '\(tag.attribute("id") ?? "")' is not valid JSON")
                        }
                    } else if !body.isEmpty {
                        problems.append("an inline script: \(body.prefix(60))")
                    }
                    i = close
                }
            } else {
                problems.append("an unescaped '<' in text at byte \(i): \(String(decoding: bytes[i..<min(i + 30, bytes.count)], as: UTF8.self))")
                i += 1
            }
        }
        return problems
    }

    static func check(_ tag: Tag) -> [String] {
        var problems: [String] = []
        let describe = "<\(tag.name) \(tag.attributes.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: " "))>"
        if forbiddenElements.contains(tag.name) { problems.append("forbidden element \(describe)") }
        for (name, value) in tag.attributes {
            if name.hasPrefix("on") { problems.append("event handler attribute in \(describe)") }
            if urlAttributes.contains(name) || (tag.name == "meta" && name == "content" && tag.attribute("http-equiv") != nil) {
                let url = normalisedURL(value, meta: tag.name == "meta")
                let imageData = tag.name == "img" && name == "src"
                    && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { url.hasPrefix($0) }
                if ["javascript:", "vbscript:", "file:", "livescript:"].contains(where: { url.hasPrefix($0) })
                    || (url.hasPrefix("data:") && !imageData) {
                    problems.append("dangerous URL in \(describe)")
                }
            }
            if name == "style", value.lowercased().contains("expression(") || value.lowercased().contains("url(") {
                problems.append("style with url() or expression() in \(describe)")
            }
        }
        if tag.name == "script" {
            let names = Set(tag.attributes.map(\.name))
            if let src = tag.attribute("src") {
                let ok = names.isSubset(of: ["src", "defer", "async", "type"])
                    && src.range(of: #"^(/[A-Za-z0-9._~-]+)*/assets/[a-z0-9-]+\.[0-9a-f]{10}\.js$"#, options: .regularExpression) != nil
                if !ok { problems.append("a script that is not one of the theme's: \(describe)") }
            } else if tag.attribute("type") != "application/json" || !jsonScriptIDs.contains(tag.attribute("id") ?? "") {
                problems.append("a script that is not one of the theme's: \(describe)")
            }
        }
        if tag.name == "meta", tag.attribute("http-equiv")?.lowercased() == "refresh",
           let content = tag.attribute("content"), !content.hasPrefix("0; url=/") {
            problems.append("a refresh to somewhere else: \(describe)")
        }
        return problems
    }

    /// What a browser makes of a URL's scheme: entities decoded, ASCII whitespace and control
    /// characters removed, lower case. In a refresh, what follows `url=`.
    static func normalisedURL(_ value: String, meta: Bool) -> String {
        var text = value
        if meta, let r = text.range(of: "url=", options: .caseInsensitive) { text = String(text[r.upperBound...]) }
        return String(String.UnicodeScalarView(decodeEntities(text).unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
            .lowercased()
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let name = after[..<semi]
                var scalar: Unicode.Scalar?
                switch name {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                case "colon": scalar = ":"
                case "Tab": scalar = "\t"
                case "NewLine": scalar = "\n"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                }
                if let scalar {
                    out.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    /// Reads `<name attr="v" attr='v' attr=v attr>` from `start` (at the `<`).
    static func readTag(_ bytes: [UInt8], from start: Int) -> Tag? {
        var i = start + 1
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        var name: [UInt8] = []
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") {
            name.append(bytes[i]); i += 1
        }
        var attributes: [(String, String)] = []
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ">") {
                return Tag(name: String(decoding: name, as: UTF8.self).lowercased(), attributes: attributes, end: i + 1)
            }
            var attr: [UInt8] = []
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"),
                  !(bytes[i] == UInt8(ascii: "/") && attr.isEmpty) {
                attr.append(bytes[i]); i += 1
            }
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            var value: [UInt8] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                i += 1
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                    let quote = bytes[i]
                    i += 1
                    while i < bytes.count, bytes[i] != quote { value.append(bytes[i]); i += 1 }
                    i += 1
                } else {
                    while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { value.append(bytes[i]); i += 1 }
                }
            }
            if !attr.isEmpty {
                attributes.append((String(decoding: attr, as: UTF8.self).lowercased(), decodeEntities(String(decoding: value, as: UTF8.self))))
            }
        }
        return nil
    }
}

/// The checker must catch what it exists to catch (and pass what the theme writes).
@Suite("Adversarial: the safe-HTML checker itself")
struct SafeHTMLCheckerTests {
    @Test func flagsEveryKindOfActiveContent() {
        let unsafe = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\" &#106;ava&#x73;cript&colon;alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<iframe src=\"/x\"></iframe>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<object data=\"data:text/html,x\"></object>",
            "<script type=\"application/json\" id=\"sb-assessment-data\">{\"a\":\"</b>\"}</script>",
            "<script src=\"https://evil.example/x.js\"></script>",
            "<meta http-equiv=\"refresh\" content=\"0; url=javascript:alert(1)\">",
            "<p>1 < 2</p>",
            "<img src=\"data:text/html;base64,xx\">",
            "<div style=\"background:url(javascript:alert(1))\">",
        ]
        for html in unsafe {
            #expect(!SafeHTML.check(html).isEmpty, "\(html) is flagged")
        }
        let safe = [
            "<!doctype html><p title=\"a &lt;script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; onerror=x javascript:</p>",
            "<script src=\"/assets/search.0123456789.js\" defer></script>",
            "<script src=\"/cx-hub/assets/self-assessment.abcdef0123.js\" defer></script>",
            "<script type=\"application/json\" id=\"sb-assessment-data\">{\"a\":\"\\u003c/script\\u003e\"}</script>",
            "<img src=\"data:image/png;base64,AAAA\" alt=\"\">",
            "<meta http-equiv=\"refresh\" content=\"0; url=/kpis/aht/\">",
            "<a href=\"mailto:x@example.org\">m</a><!-- a <script> in a comment -->",
        ]
        for html in safe {
            #expect(SafeHTML.check(html).isEmpty, "\(html) passes: \(SafeHTML.check(html))")
        }
    }
}
