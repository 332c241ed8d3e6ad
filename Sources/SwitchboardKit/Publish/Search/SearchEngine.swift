import Foundation

/// The reference implementation of what `search.js` does with the index: which files a
/// query needs and how it ranks. The tests hold the JavaScript to the same results, and use
/// this one to check the index itself (a title match above a body match, a query's words
/// landing in the right shard), reading only the files a browser would fetch.
public struct SearchEngine {
    public struct Result: Sendable, Equatable {
        public var doc: Int
        public var score: Int
        /// How many of the query's distinct words the page has.
        public var matched: Int
    }

    public struct Query: Sendable, Equatable {
        public var terms: [String]
        public var pairs: [String]
        /// The last word as typed, when completions of it count (at half weight).
        public var prefix: String?
        public var prefixTerm: Int?

        /// `finished`: the reader has stopped typing the last word (false while typing).
        public init(_ text: String, finished: Bool) {
            let tokens = SearchTokenizer.tokens(text)
            var terms: [String] = [], pairs: [String] = []
            for (i, token) in tokens.enumerated() {
                if !terms.contains(token.stem) { terms.append(token.stem) }
                if i > 0, tokens[i - 1].stem != token.stem {
                    let pair = tokens[i - 1].stem + " " + token.stem
                    if !pairs.contains(pair) { pairs.append(pair) }
                }
            }
            self.terms = terms
            self.pairs = pairs
            if !finished, let last = tokens.last, last.folded.utf16.count >= 3 {
                prefix = last.folded
                prefixTerm = terms.firstIndex(of: last.stem)
            }
        }
    }

    struct Manifest {
        var docs: Int
        var block: Int
        var pack: Int
        var scores: [Int]
        var keys: [String]
        var shards: String
        var blocks: String
        var groups: [SearchCorpus.Group]
    }

    let manifest: Manifest
    /// Reads a file of the index by its path relative to `search/`.
    let read: (String) -> String?
    /// Every path read so far, for the tests' "bytes per query".
    public private(set) var fetched: [String] = []

    public init?(read: @escaping (String) -> String?) {
        self.read = read
        guard let text = read(SearchIndex.manifestName), let object = Self.json(text) as? [String: Any],
              let docs = object["docs"] as? Int, let block = object["block"] as? Int, let pack = object["pack"] as? Int,
              let scores = object["scores"] as? [Int],
              let keys = object["keys"] as? [String], let shards = object["shards"] as? String,
              let blocks = object["blocks"] as? String, let groups = object["groups"] as? [[String: Any]] else { return nil }
        manifest = Manifest(docs: docs, block: block, pack: pack, scores: scores, keys: keys, shards: shards, blocks: blocks,
                            groups: groups.compactMap { g in
                                guard let name = g["name"] as? String, let label = g["label"] as? String,
                                      let start = g["start"] as? Int, let end = g["end"] as? Int else { return nil }
                                return SearchCorpus.Group(name: name, label: label, range: start..<end)
                            })
        fetched = [SearchIndex.manifestName]
    }

    static func json(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    static func precedes(_ a: String, _ b: String) -> Bool { a.utf16.lexicographicallyPrecedes(b.utf16) }

    /// The shard a term is in: the last whose key is not after it.
    public func shard(of term: String) -> Int {
        var lo = 0, hi = manifest.keys.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if !Self.precedes(term, manifest.keys[mid]) { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func shardPath(_ i: Int) -> String {
        let start = manifest.shards.index(manifest.shards.startIndex, offsetBy: i * 8)
        return "t/\(i)-\(manifest.shards[start..<manifest.shards.index(start, offsetBy: 8)]).json"
    }

    /// The page file holding a document.
    public func documentPath(_ doc: Int) -> String {
        let b = doc / manifest.block
        let start = manifest.blocks.index(manifest.blocks.startIndex, offsetBy: b * 8)
        return "d/\(b)-\(manifest.blocks[start..<manifest.blocks.index(start, offsetBy: 8)])/\(doc / manifest.pack).json"
    }

    /// The shards a query downloads: its words' and pairs', and up to three for completions.
    public func shards(for query: Query) -> [Int] {
        var need: [Int] = []
        for term in query.terms + query.pairs where !need.contains(shard(of: term)) { need.append(shard(of: term)) }
        if let prefix = query.prefix {
            let first = shard(of: prefix), last = min(shard(of: prefix + "\u{FFFF}"), first + 2)
            for i in first...max(first, last) where !need.contains(i) { need.append(i) }
        }
        return need.sorted()
    }

    public mutating func search(_ text: String, finished: Bool = true) -> [Result] {
        let query = Query(text, finished: finished)
        guard !query.terms.isEmpty else { return [] }
        var lists: [String: String] = [:]
        for i in shards(for: query) {
            let path = shardPath(i)
            fetched.append(path)
            guard let text = read(path), let shard = Self.json(text) as? [String: Any],
                  let terms = shard["t"] as? [String], let postings = shard["p"] as? [String] else { continue }
            for (term, list) in zip(terms, postings) { lists[term] = list }
        }
        return rank(query, lists: lists)
    }

    func rank(_ query: Query, lists: [String: String]) -> [Result] {
        var score: [Int: Int] = [:], bits: [Int: Int] = [:]
        for (i, term) in query.terms.enumerated() {
            var best: [Int: Int] = [:]
            func take(_ list: String, half: Bool) {
                for (doc, level) in SearchCodec.decodePostings(list) ?? [] {
                    let points = half ? manifest.scores[level] >> 1 : manifest.scores[level]
                    if (best[doc] ?? -1) < points { best[doc] = points }
                }
            }
            if let list = lists[term] { take(list, half: false) }
            if i == query.prefixTerm, let prefix = query.prefix {
                let completions = lists.keys.filter { $0 != term && !$0.contains(" ") && $0.utf16.starts(with: prefix.utf16) }
                    .sorted { a, b in
                        let la = lists[a]!.utf8.count, lb = lists[b]!.utf8.count
                        return la != lb ? la > lb : Self.precedes(a, b)
                    }
                for completion in completions.prefix(20) { take(lists[completion]!, half: true) }
            }
            for (doc, points) in best {
                score[doc, default: 0] += points
                bits[doc, default: 0] |= 1 << i
            }
        }
        for pair in query.pairs {
            for (doc, level) in SearchCodec.decodePostings(lists[pair] ?? "") ?? [] { score[doc, default: 0] += manifest.scores[level] }
        }
        return score.map { Result(doc: $0.key, score: $0.value, matched: (bits[$0.key] ?? 0).nonzeroBitCount) }
            .sorted { ($0.matched, $0.score, -$0.doc) > ($1.matched, $1.score, -$1.doc) }
    }

    /// A result's page file: title, URL path (relative to the site root), summary, text.
    public mutating func document(_ doc: Int) -> (title: String, path: String, summary: String, text: [String])? {
        let path = documentPath(doc)
        fetched.append(path)
        guard let text = read(path), let pack = Self.json(text) as? [[String: Any]], doc % manifest.pack < pack.count else { return nil }
        let d = pack[doc % manifest.pack]
        guard let title = d["t"] as? String, let url = d["u"] as? String else { return nil }
        return (title, url, d["s"] as? String ?? "", d["x"] as? [String] ?? [])
    }

    /// The collection (group) a document belongs to.
    public func group(of doc: Int) -> String? { manifest.groups.first { $0.range.contains(doc) }?.name }
}
