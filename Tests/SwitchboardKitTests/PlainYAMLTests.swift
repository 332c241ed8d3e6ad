import Foundation
import Testing
@testable import SwitchboardKit

/// `PlainYAML` reads simple front matter without Yams. Whatever it accepts must come out
/// exactly as Yams reads it — values, quoting, lines and columns — and whatever it is unsure
/// of it must leave to Yams. Checked on every YAML text in the repository, on cases at the
/// edges of what it accepts, and on thousands of seeded mutations of those.
@Suite("Plain YAML shortcut")
struct PlainYAMLTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shortcut's reading, and Yams's.
    static func both(_ text: String, lineOffset: Int = 0) -> (plain: YAMLNode?, yams: YAMLNode??) {
        let plain = PlainYAML.read(text, lineOffset: lineOffset, maxNodes: YAMLReader.maxNodes)
        switch YAMLReader.readWithYams(text, file: "t.yml", lineOffset: lineOffset) {
        case .success(let node): return (plain, .some(node))
        case .failure: return (plain, nil)
        }
    }

    /// Empty when the two agree; otherwise where they differ.
    static func difference(_ a: YAMLNode, _ b: YAMLNode, at path: String = "") -> String? {
        if a.line != b.line || a.column != b.column { return "\(path): at \(a.line):\(a.column), Yams \(b.line):\(b.column)" }
        switch (a.kind, b.kind) {
        case let (.scalar(x, px), .scalar(y, py)):
            return x == y && px == py ? nil : "\(path): \(x.debugDescription) plain \(px), Yams \(y.debugDescription) plain \(py)"
        case let (.sequence(x), .sequence(y)):
            guard x.count == y.count else { return "\(path): \(x.count) items, Yams \(y.count)" }
            return zip(x, y).enumerated().lazy.compactMap { difference($0.element.0, $0.element.1, at: "\(path)[\($0.offset)]") }.first
        case let (.mapping(x), .mapping(y)):
            guard x.count == y.count else { return "\(path): \(x.count) keys, Yams \(y.count)" }
            for (i, (p, q)) in zip(x, y).enumerated() {
                if let d = difference(p.key, q.key, at: "\(path).key\(i)") ?? difference(p.value, q.value, at: "\(path).\(p.key.scalar ?? "?")") {
                    return d
                }
            }
            return nil
        default:
            return "\(path): \(a.kindName), Yams \(b.kindName)"
        }
    }

    /// Checks one text; returns whether the shortcut took it.
    @discardableResult
    static func check(_ text: String, lineOffset: Int = 0, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let (plain, yams) = both(text, lineOffset: lineOffset)
        guard let plain else { return false }
        guard let yams, let yams else {
            Issue.record("the shortcut read what Yams refuses or finds empty:\n\(text)", sourceLocation: sourceLocation)
            return true
        }
        if let d = difference(plain, yams) { Issue.record("\(d)\n\(text)", sourceLocation: sourceLocation) }
        return true
    }

    /// Every front matter and YAML file in the repository: content, test fixtures, fuzz corpora.
    static func repositoryYAML() throws -> [String] {
        var texts: [String] = []
        for folder in ["content", "Tests", "Fuzz/corpus", "Benchmarks"] {
            guard let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let path as String in walker {
                let url = root.appendingPathComponent(folder).appendingPathComponent(path)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { texts.append(text) }
                if path.hasSuffix(".md"), case .success(let split) = FrontMatter.split(text), let yaml = split.yaml { texts.append(yaml) }
            }
        }
        return texts
    }

    @Test func everyYAMLTextInTheRepositoryReadsAsYamsReadsIt() throws {
        let texts = try Self.repositoryYAML()
        #expect(texts.count > 150)
        let taken = texts.filter { Self.check($0, lineOffset: 1) }.count
        // Most of the bundled hub's front matter is in the subset; the rest still goes to Yams.
        #expect(taken > texts.count / 3, "\(taken) of \(texts.count) taken")
    }

    @Test func theCommonShapesAreTaken() {
        let shapes = [
            "title: Agent attrition\nweight: 4\nupdated: 2026-11-27\n",
            "title: \"Do you offer outcome-based contracts, or only labour pricing?\"\ntags: [pricing, contracts]\n",
            "title: x\nkpis:\n  - kpis/a\n  - kpis/b\nquestions:\n- questions/c\n",
            "title: \"  spaced  \"\nalso: [\"co-investment\", plain words, \"x: y # z\"]\nempty: []\n",
            "\n\ntitle:   far   \nnote: C# and F# are fine, so is a:b and 50%\n",
            "title: Café — naïve 🚀 text\nlist: [é, 🚀, \"ü\"]\nitems:\n    - ß\n    - \"日本\"\n",
        ]
        for text in shapes {
            #expect(Self.check(text, lineOffset: 3), "\(text)")
        }
    }

    @Test func whatItIsUnsureOfGoesToYams() {
        let refused = [
            "", "\n  \n", "# comment\ntitle: x\n", "title: x # comment\n", "title: x\n  continued\n",
            "title: 'single'\n", "title: \"esc\\\"aped\"\n", "title: \"open\n  close\"\n", "title: >-\n  folded\n",
            "title: |\n  literal\n", "title: &a x\nother: *a\n", "title: !tag x\n", "title: x: y\n", "title: x:\n",
            "title:\n", "title:\nnext: y\n", "title: [a, [b]]\n", "title: [a, b,]\n", "title: [a, {b: c}]\n",
            "title: [a: b]\n", "title: [a\n", "title: [a] extra\n", "title: \"a\" extra\n", "title:\tx\n", "title: a\tb\n",
            "title: x\r\n", "title: -x\n", "title: ?x\n", "title: @x\n", "title: `x`\n", "title: %x\n", "title: {a: b}\n",
            "title: x\ntitle: y\n", "nested:\n  key: value\n", "list:\n  - a\n   - b\n", "list:\n  - a\n  -\n", "list:\n  -x\n",
            "list:\n  - a\n\n  - b\n", "list:\n  - - a\n", "list:\n  - key: v\n", "---\ntitle: x\n", "title: x\n...\n",
            "\"quoted key\": x\n", "key with space: x\n", "key : x\n", "key:x\n", "<<: x\n", "- a\n- b\n",
            "title: a\u{85}b\n", "title: a\u{2028}b\n", "title: a\u{2029}b\n", "title: \u{FEFF}x\n", "title: a\u{7F}\n",
            "title: a\u{9F}b\n", "title: a\u{FFFE}\n",
        ]
        for text in refused {
            #expect(PlainYAML.read(text, lineOffset: 0, maxNodes: YAMLReader.maxNodes) == nil, "\(text.debugDescription)")
        }
    }

    @Test func aListLongerThanTheNodeLimitIsLeftToYams() {
        let text = "items: [" + (0..<20).map(String.init).joined(separator: ", ") + "]\n"
        #expect(PlainYAML.read(text, lineOffset: 0, maxNodes: 100) != nil)
        #expect(PlainYAML.read(text, lineOffset: 0, maxNodes: 10) == nil, "23 nodes over a limit of 10")
    }

    /// Columns are counted on from the previous node of a line, and keys are checked for
    /// repeats in a set: a long list or many keys stay linear, and every column still agrees.
    @Test func longListsAndManyKeysReadAsYamsReadsThem() {
        let items = (0..<20_000).map { $0 % 7 == 0 ? "\"é \($0)\"" : "w\($0)" }
        let keys = (0..<5_000).map { "k\($0): ü \($0)" }
        let text = "list: [" + items.joined(separator: ", ") + "]\n" + keys.joined(separator: "\n") + "\n"
        #expect(Self.check(text, lineOffset: 1))
    }

    /// Seeded mutations of texts the shortcut takes: a character YAML treats specially put
    /// somewhere. Whenever the shortcut still takes the result, it must read it as Yams does.
    @Test func mutationsOfAcceptedTextsReadAsYamsReadsThem() throws {
        let seeds = try Self.repositoryYAML().filter { PlainYAML.read($0, lineOffset: 0, maxNodes: YAMLReader.maxNodes) != nil }
            + ["title: x\nlist: [a, \"b\", c]\nitems:\n  - d\n  - \"e\"\nn: 1\n"]
        let pieces = [": ", " #", "#", ":", "\"", "'", "\t", "[", "]", ",", "{", "}", "- ", "-", " ", "\n", "\n  ", "\n- ",
                      "\\", "&", "*", "!", "|", ">", "?", "%", "@", "`", "é", "🚀", "\u{85}", "\u{2028}", "\u{A0}", "~", "null", "\n\n"]
        var random = SeededRandom(seed: 42)
        var taken = 0
        for round in 0..<4_000 {
            let seed = Array(seeds[round % seeds.count].utf8)
            var bytes = seed
            for _ in 0..<(1 + Int(random.next() % 2)) {
                // Cut only between characters, so the text stays valid UTF-8.
                var at = Int(random.next() % UInt64(bytes.count + 1))
                while at < bytes.count, bytes[at] & 0xC0 == 0x80 { at += 1 }
                bytes.insert(contentsOf: Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8), at: at)
            }
            if Self.check(String(decoding: bytes, as: UTF8.self), lineOffset: Int(random.next() % 3)) { taken += 1 }
        }
        #expect(taken > 400, "enough mutations stay in the subset to test it (\(taken))")
    }
}

/// A small deterministic generator (SplitMix64), so that a failure reproduces.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
