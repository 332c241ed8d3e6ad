import Foundation
import Testing
@testable import SwitchboardKit

/// The search index: the tokenizer and stemmer against the vectors shared with search.js,
/// the index files (determinism, shards, facets, sizes) and the ranking, in Swift and —
/// when Node.js is installed — in the browser code itself.
@Suite("Search index")
struct SearchIndexTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let searchJS = here.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates/assets/search.js").path

    /// (word, stem) and (text, stems) pairs from Fixtures/search-vectors.json.
    static func vectors() throws -> (stems: [(String, String)], texts: [(String, [String])]) {
        let data = try Data(contentsOf: here.appendingPathComponent("Fixtures/search-vectors.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stems = try #require(object["stems"] as? [[String]]).map { ($0[0], $0[1]) }
        let texts = try #require(object["texts"] as? [[Any]]).map { ($0[0] as! String, $0[1] as! [String]) }
        return (stems, texts)
    }

    static func object(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test func stemmerFollowsTheSharedVectors() throws {
        let (stems, _) = try Self.vectors()
        #expect(stems.count > 50)
        for (word, stem) in stems {
            #expect(SearchStemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func tokenizerFollowsTheSharedVectors() throws {
        let (_, texts) = try Self.vectors()
        for (text, stems) in texts {
            #expect(SearchTokenizer.stems(text) == stems, "\(text)")
        }
    }

    @Test(.enabled(if: Node.path != nil, "needs Node.js"))
    func javaScriptFollowsTheSharedVectors() throws {
        let script = """
        const s = require(process.argv[1]);
        const v = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
        const bad = [];
        v.stems.forEach(([w, e]) => { if (s.stem(w) !== e) bad.push(w + ' -> ' + s.stem(w)); });
        v.texts.forEach(([t, e]) => { const got = s.words(t).map(s.stem); if (JSON.stringify(got) !== JSON.stringify(e)) bad.push(t + ' -> ' + got); });
        console.log(bad.length ? bad.join('\\n') : 'ok');
        """
        let output = try Node.run(script, Self.searchJS, Self.here.appendingPathComponent("Fixtures/search-vectors.json").path)
        #expect(output == "ok")
    }

    @Test func codecRoundTrips() {
        let postings: [(doc: Int, score: Int)] = [(0, 1), (1, 63), (31, 7), (32, 0), (1_055, 12), (1_000_000, 40)]
        let encoded = SearchCodec.encodePostings(postings)
        #expect(encoded.utf8.allSatisfy { SearchCodec.alphabet.contains($0) })
        let decoded = SearchCodec.decodePostings(encoded)
        #expect(decoded?.map(\.doc) == postings.map(\.doc))
        #expect(decoded?.map(\.score) == postings.map(\.score))
        #expect(SearchCodec.decodeDocuments(SearchCodec.encodeDocuments([3, 4, 90, 5_000])) == [3, 4, 90, 5_000])
        #expect(SearchCodec.encodeDocuments([0, 1, 2]) == "ABB", "small gaps take one character each")
        #expect(SearchCodec.decodePostings("g") == nil, "a number that never ends")
    }

    @Test func theSameCorpusGivesIdenticalFiles() async {
        let corpus = Synthetic.corpus(documents: 400, seed: 3)
        let a = await SearchIndex.build(corpus), b = await SearchIndex.build(corpus)
        #expect(a.files.map(\.path) == b.files.map(\.path))
        #expect(a.files.map(\.bytes) == b.files.map(\.bytes))
        // Every name but the manifest's carries the hash of what it holds.
        #expect(a.files.first?.path == "manifest.json")
        for file in a.files where file.path.hasPrefix("t/") || file.path.hasPrefix("f/") {
            let hash = file.path.split(separator: "-").last!.dropLast(".json".count)
            #expect(ContentHash.of(file.bytes).hex(length: 8) == hash, "\(file.path)")
        }
    }

    @Test func aPageFileFolderIsRenamedExactlyWhenWhatItHoldsChanges() async throws {
        let corpus = Synthetic.corpus(documents: 300, seed: 7)
        let before = await SearchIndex.build(corpus)
        let folders = { (built: SearchIndex.Built) in
            Dictionary(grouping: built.files.filter { $0.path.hasPrefix("d/") }, by: { String($0.path.split(separator: "/")[1]) })
        }
        #expect(folders(before).count == 3, "300 pages, 100 a folder")
        // One page's text changes: its folder (the second) gets a new name, the others keep theirs.
        var edited = corpus
        edited.documents[150].body += " One sentence more."
        let after = await SearchIndex.build(edited)
        let changed = Set(folders(before).keys).symmetricDifference(folders(after).keys)
        #expect(changed.count == 2 && changed.allSatisfy { $0.hasPrefix("1-") }, "\(changed.sorted())")
        // Every page file whose bytes differ sits in a renamed folder, so no cached copy is stale.
        let old = Dictionary(uniqueKeysWithValues: before.files.map { ($0.path, $0.bytes) })
        for file in after.files where file.path.hasPrefix("d/") {
            if let previous = old[file.path] { #expect(previous == file.bytes, "\(file.path) kept its name but changed") }
        }
        // A title a wikilink placeholder reads as is part of what the files are made from.
        var retitled = corpus
        retitled.documents[0].wikilinkTitles["kpis/x"] = "A new title"
        let third = await SearchIndex.build(retitled)
        #expect(Set(folders(before).keys).symmetricDifference(folders(third).keys).count == 2)
    }

    @Test func everyTermIsFoundInItsShard() async throws {
        var options = SearchIndexOptions()
        options.shardBytes = 2_000
        let built = await SearchIndex.build(Synthetic.corpus(documents: 600, seed: 5), options: options)
        #expect(built.shardCount > 20, "a small shard size makes many shards")
        let engine = try #require(SearchEngine(read: { built.text($0) }))
        var previous: String?
        for shard in 0..<built.shardCount {
            let text = try #require(built.text(engine.shardPath(shard)))
            let terms = try #require(try Self.object(text)["t"] as? [String])
            #expect(!terms.isEmpty)
            if terms.count > 1 { #expect(text.utf8.count <= options.shardBytes + 64, "only a lone big term may overflow a shard") }
            for term in terms {
                #expect(engine.shard(of: term) == shard, "\(term)")
                if let previous { #expect(SearchEngine.precedes(previous, term), "terms are sorted across shards") }
                previous = term
            }
        }
    }

    @Test func titleRanksAboveHeadingSummaryTagsAndBody() async throws {
        var corpus = SearchCorpus()
        let filler = "Plain words about service, contracts and the people who run them."
        corpus.addGroup(name: "notes", label: "Notes", documents: [
            SearchDocument(path: "body/", title: "Body", body: filler + " The lighthouse keeper. The lighthouse again, and a lighthouse."),
            SearchDocument(path: "meta/", title: "Meta", meta: ["lighthouse"], body: filler),
            SearchDocument(path: "summary/", title: "Summary", summary: "About the lighthouse.", body: filler),
            SearchDocument(path: "heading/", title: "Heading", headings: ["The lighthouse"], body: filler),
            SearchDocument(path: "title/", title: "Lighthouse", body: filler),
            SearchDocument(path: "none/", title: "Nothing", body: filler),
        ])
        let built = await SearchIndex.build(corpus)
        var engine = try #require(SearchEngine(read: { built.text($0) }))
        var order: [String] = []
        for result in engine.search("lighthouses") { order.append(engine.document(result.doc)?.path ?? "?") }
        #expect(order == ["title/", "heading/", "summary/", "meta/", "body/"])
    }

    @Test func pagesWithEveryWordComeFirstAndAdjacentTitleWordsWin() async throws {
        var corpus = SearchCorpus()
        corpus.addGroup(name: "kpis", label: "KPIs", documents: [
            SearchDocument(path: "a/", title: "Time to handle a complaint", body: "Handle it well."),
            SearchDocument(path: "b/", title: "Average handle time", body: "The mean handle time of a contact."),
            SearchDocument(path: "c/", title: "Handling", body: "Handle, handle, handle: every handle matters."),
        ])
        let built = await SearchIndex.build(corpus)
        var engine = try #require(SearchEngine(read: { built.text($0) }))
        let results = engine.search("handle time")
        #expect(results.map(\.doc) == [1, 0, 2])
        #expect(results.map(\.matched) == [2, 2, 1])
    }

    @Test func theWordBeingTypedIsCompleted() async throws {
        var corpus = SearchCorpus()
        corpus.addGroup(name: "kpis", label: "KPIs", documents: [
            SearchDocument(path: "a/", title: "Containment rate"),
            SearchDocument(path: "b/", title: "Contact rate"),
            SearchDocument(path: "c/", title: "Cost"),
        ])
        let built = await SearchIndex.build(corpus)
        var engine = try #require(SearchEngine(read: { built.text($0) }))
        #expect(engine.search("contai", finished: false).map(\.doc) == [0])
        #expect(engine.search("contai", finished: true).isEmpty, "a finished word is not completed")
        #expect(engine.search("rate con", finished: false).map(\.doc).sorted() == [0, 1])
        #expect(engine.search("co", finished: false).isEmpty, "two letters are too few to complete")
    }

    @Test func facetFilesListTheirDocuments() async throws {
        var corpus = SearchCorpus()
        corpus.facets = [SearchFacet(name: "kpis.generation", label: "Generation", collection: "kpis",
                                     values: [("legacy", "Legacy"), ("next-generation", "Next generation")])]
        var docs = (0..<5).map { SearchDocument(path: "k\($0)/", title: "KPI \($0)") }
        docs[1].facets["kpis.generation"] = ["legacy"]
        docs[3].facets["kpis.generation"] = ["next-generation"]
        docs[4].facets["kpis.generation"] = ["legacy"]
        corpus.addGroup(name: "kpis", label: "KPIs", documents: docs)
        corpus.addGroup(name: "pages", label: "Other pages", documents: [SearchDocument(path: "", title: "Home")])
        let built = await SearchIndex.build(corpus)
        let manifest = try Self.object(built.text("manifest.json"))
        let facet = try #require((manifest["facets"] as? [[String: Any]])?.first)
        #expect(facet["name"] as? String == "kpis.generation")
        #expect(facet["collection"] as? String == "kpis")
        let values = try #require(facet["values"] as? [[Any]])
        #expect(values.map { $0[0] as? String } == ["legacy", "next-generation"])
        #expect(values.map { $0[2] as? Int } == [2, 1])
        let name = try #require(facet["file"] as? String)
        let lists = try #require(try Self.object(built.text("f/\(name).json"))["v"] as? [String])
        #expect(lists.map { SearchCodec.decodeDocuments($0) } == [[1, 4], [3]])
        let groups = try #require(manifest["groups"] as? [[String: Any]])
        #expect(groups.map { [$0["start"] as? Int, $0["end"] as? Int] } == [[0, 5], [5, 6]])
    }

    @Test(.enabled(if: Node.path != nil, "needs Node.js"))
    func javaScriptRanksLikeTheReference() async throws {
        let corpus = Synthetic.corpus(documents: 800, seed: 11)
        var options = SearchIndexOptions()
        options.shardBytes = 4_000
        let built = await SearchIndex.build(corpus, options: options)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sb-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for file in built.files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        let queries: [(String, Bool)] = [("handle time", true), ("contract", true), ("red flags in outcome contracts", true),
                                         ("vendo", false), ("quality scor", false), ("tim", false), ("nothingatall", true)]
        var engine = try #require(SearchEngine(read: { try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }))
        let swift = queries.map { q in engine.search(q.0, finished: q.1).prefix(30).map { [$0.doc, $0.score, $0.matched] } }
        let script = """
        const s = require(process.argv[1]), fs = require('fs'), root = process.argv[2];
        const idx = new s.Index('http://test/search/manifest.json',
          u => Promise.resolve(JSON.parse(fs.readFileSync(root + '/' + new URL(u).pathname.slice(8), 'utf8'))));
        (async () => {
          const out = [];
          for (const [q, finished] of JSON.parse(process.argv[3])) {
            out.push((await idx.search(q, finished)).results.slice(0, 30).map(r => [r.doc, r.score, r.matched]));
          }
          console.log(JSON.stringify(out));
        })().catch(e => { console.log('error ' + e); });
        """
        let json = String(decoding: try JSONSerialization.data(withJSONObject: queries.map { [$0.0, $0.1] }), as: UTF8.self)
        let output = try Node.run(script, Self.searchJS, root.path, json)
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
        let javascript = try #require(parsed as? [[[Int]]], "\(output)")
        #expect(swift.map { $0.count }.reduce(0, +) > 50, "the queries find something")
        for (i, q) in queries.enumerated() {
            #expect(javascript[i] == swift[i], "\(q.0)")
        }
    }

    /// On a corpus the size of a big hub, a query reads a small, bounded part of the index.
    @Test func aQueryReadsLittleOfABigIndex() async throws {
        let built = await SearchIndex.build(Synthetic.corpus(documents: 3_000, seed: 7))
        var engine = try #require(SearchEngine(read: { built.text($0) }))
        let sizes = Dictionary(uniqueKeysWithValues: built.files.map { ($0.path, $0.bytes.count) })
        for query in ["handle time", "service quality contract", "vendor"] {
            let before = engine.fetched.count
            let results = engine.search(query)
            for result in results.prefix(10) { _ = engine.document(result.doc) }
            let bytes = Set(engine.fetched[before...]).reduce(0) { $0 + (sizes[$1] ?? 0) } + (sizes["manifest.json"] ?? 0)
            #expect(!results.isEmpty)
            // Before compression (a static host's gzip takes it to about 45 %).
            #expect(bytes < 130_000, "\(query): \(bytes) bytes of \(built.totalBytes)")
            #expect(bytes * 10 < built.totalBytes, "\(query): a query reads a small share of the index")
        }
        #expect((sizes["manifest.json"] ?? 0) < 8_000)
    }
}

/// Node.js, when installed, to run the browser code under test.
enum Node {
    static let path: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
            let candidate = String(dir) + "/node"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs `script` with `node -e`, the arguments in `process.argv[1…]`; returns stdout, trimmed.
    static func run(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = ["-e", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Deterministic made-up hubs: Zipf-distributed words from a fixed vocabulary, a few words
/// of the domain mixed in, so that both common and rare terms exist.
enum Synthetic {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let domain = ["handle", "time", "contract", "vendor", "quality", "score", "service", "outcome", "red", "flags",
                         "containment", "rate", "agent", "customer", "cost", "resolution", "sentiment", "pricing"]
    static let syllables = ["ka", "lo", "mi", "ter", "an", "sol", "ve", "ri", "dun", "pa", "os", "qui", "bel", "tra", "no", "ex"]

    static func corpus(documents: Int, seed: UInt64) -> SearchCorpus {
        var g = Generator(state: seed)
        let vocabulary = (0..<3_000).map { i -> String in
            var w = "", n = i
            repeat { w += syllables[n % syllables.count]; n /= syllables.count } while n > 0
            return w + syllables[i % 7]
        } + domain
        func word() -> String {
            // Roughly Zipf: small ranks are much more likely.
            let u = Double(g.below(1_000_000) + 1) / 1_000_001
            return g.below(6) == 0 ? domain[g.below(domain.count)] : vocabulary[min(vocabulary.count - 1, Int(pow(3_000, u)) - 1)]
        }
        func words(_ n: Int) -> String { (0..<n).map { _ in word() }.joined(separator: " ") }
        var corpus = SearchCorpus()
        var docs: [SearchDocument] = []
        for i in 0..<documents {
            let body = (0..<(3 + g.below(6))).map { _ in words(20 + g.below(40)) + "." }.joined(separator: "\n")
            docs.append(SearchDocument(path: "c/\(i)/", title: words(2 + g.below(4)), summary: words(12),
                                       headings: (0..<g.below(4)).map { _ in words(3) }, meta: [words(1), words(2)], body: body))
        }
        let half = documents / 2
        corpus.addGroup(name: "one", label: "One", documents: Array(docs[..<half]))
        corpus.addGroup(name: "two", label: "Two", documents: Array(docs[half...]))
        return corpus
    }
}
