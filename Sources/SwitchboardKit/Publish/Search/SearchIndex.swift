import Foundation

/// Tuning of the index layout; the defaults suit hubs from a dozen pages to tens of thousands.
public struct SearchIndexOptions: Sendable {
    /// A term shard is closed once it holds about this many bytes, so a query word costs
    /// about one shard whatever the size of the hub (a word whose postings are larger gets
    /// a shard of its own). More shards means a longer shard list in the manifest.
    public var shardBytes = 12_000
    /// Documents per folder of document files (one content hash per folder in the manifest).
    public var blockSize = 100
    /// Characters of a page's text kept for the passage shown under a result.
    public var textLimit = 6_000

    public init() {}
}

/// The static search index, written to `search/` at build time (see docs/search.md):
///
/// - `manifest.json`, the one entry point, at a stable URL: document count, score table, the
///   first term of every term shard, content hashes of every other file, collections as
///   ranges of document numbers, and the facets from the schema.
/// - `t/<n>-<hash>.json`: term shards, the terms in sorted order cut into runs of about
///   `shardBytes`, each term with its posting list (`SearchCodec`). A query downloads only
///   the shards its words fall in; the completions of a word being typed sit next to it.
/// - `d/<block>-<hash>/<doc>.json`: per page, its title, URL, summary and text, fetched only
///   for the results on screen.
/// - `f/<n>-<hash>.json`: per facet, the documents having each value, fetched only when
///   that filter is used.
///
/// Every name but the manifest's carries a hash of its content, so it can be cached forever.
public enum SearchIndex {
    public static let folder = "search"
    public static let manifestName = "manifest.json"
    public static let version = 1

    /// The index files of a linked site, under `search/`. `SWITCHBOARD_SEARCH=off` in the
    /// environment leaves them out: only for measuring what the index costs a build
    /// (Benchmarks/search/run); the search box then finds nothing.
    public static func files(site: Site) async -> [OutputFile] {
        if ProcessInfo.processInfo.environment["SWITCHBOARD_SEARCH"] == "off" { return [] }
        return await build(SearchCorpus.of(site: site)).files.compactMap { OutputFile(path: folder + "/" + $0.path, contents: .bytes($0.bytes)) }
    }

    public struct Built: Sendable {
        /// Paths relative to `search/`, manifest first.
        public var files: [(path: String, bytes: [UInt8])]
        public var shardCount: Int
        public var termCount: Int
        public var postingCount: Int

        public func text(_ path: String) -> String? { files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) } }
        public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }
    }

    public static func build(_ corpus: SearchCorpus, options: SearchIndexOptions = .init()) async -> Built {
        let docs = corpus.documents
        async let documentFiles = documentFiles(docs, options: options)
        let run = await TermRun.analyse(docs)

        // Scores, then their one-character levels.
        let n = docs.count
        let averageLength = n == 0 ? 0 : Double(run.bodyLengths.reduce(0, +)) / Double(n)
        var scores: [[Double]] = []
        scores.reserveCapacity(run.terms.count)
        var maxScore = 0.0
        var postingCount = 0
        for postings in run.postings {
            let idf = SearchScoring.idf(documentFrequency: postings.count, documents: n)
            let row = postings.map { p in
                SearchScoring.impact(p.counts, bodyLength: run.bodyLengths[Int(p.doc)], averageBodyLength: averageLength, idf: idf)
            }
            maxScore = max(maxScore, row.max() ?? 0)
            postingCount += row.count
            scores.append(row)
        }
        let quantizer = SearchQuantizer(maxScore: maxScore)

        // Terms in the order JavaScript compares strings (UTF-16 code units), cut into shards.
        let order = run.terms.indices.sorted { run.terms[$0].utf16.lexicographicallyPrecedes(run.terms[$1].utf16) }
        var files: [(path: String, bytes: [UInt8])] = []
        var keys: [String] = []
        var shardHashes = ""
        var termsJSON = SearchJSON(capacity: options.shardBytes), postingsJSON = SearchJSON(capacity: options.shardBytes)
        var previousTerm: String?
        func closeShard() {
            guard !termsJSON.bytes.isEmpty else { return }
            var shard = SearchJSON(capacity: termsJSON.bytes.count + postingsJSON.bytes.count + 16)
            shard.raw("{\"t\":[")
            shard.bytes += termsJSON.bytes
            shard.raw("],\n\"p\":[")
            shard.bytes += postingsJSON.bytes
            shard.raw("]}\n")
            let hash = ContentHash.of(shard.bytes).hex(length: 8)
            files.append(("t/\(keys.count - 1)-\(hash).json", shard.bytes))
            shardHashes += hash
            termsJSON.bytes.removeAll(keepingCapacity: true)
            postingsJSON.bytes.removeAll(keepingCapacity: true)
        }
        var levels: [(doc: Int, score: Int)] = []
        for id in order {
            let term = run.terms[id]
            let postings = run.postings[id]
            levels.removeAll(keepingCapacity: true)
            for (i, p) in postings.enumerated() { levels.append((Int(p.doc), quantizer.level(scores[id][i]))) }
            let encoded = SearchCodec.encodePostings(levels)
            let size = term.utf8.count + encoded.utf8.count + 6
            if termsJSON.bytes.isEmpty || termsJSON.bytes.count + postingsJSON.bytes.count + size > options.shardBytes {
                closeShard()
                keys.append(previousTerm.map { separator(after: $0, upTo: term) } ?? "")
            } else {
                termsJSON.bytes.append(0x2C)
                postingsJSON.bytes.append(0x2C)
            }
            termsJSON.string(term)
            postingsJSON.string(encoded)
            previousTerm = term
        }
        closeShard()
        let shardCount = keys.count

        let (blockFiles, blockHashes) = await documentFiles
        files += blockFiles

        // Facets: per value, its documents.
        var facetEntries: [String] = []
        for (f, facet) in corpus.facets.enumerated() {
            var members: [String: [Int]] = [:]
            for (i, doc) in docs.enumerated() {
                for value in doc.facets[facet.name] ?? [] where members[value]?.last != i { members[value, default: []].append(i) }
            }
            let text = "{\"v\":[" + facet.values.map { "\"" + SearchCodec.encodeDocuments(members[$0.value] ?? []) + "\"" }
                .joined(separator: ",") + "]}\n"
            let hash = ContentHash.of(text.utf8).hex(length: 8)
            files.append(("f/\(f)-\(hash).json", Array(text.utf8)))
            let values = facet.values.map { "[\(JSON.string($0.value)),\(JSON.string($0.label)),\(members[$0.value]?.count ?? 0)]" }
            facetEntries.append("{\"name\":\(JSON.string(facet.name)),\"label\":\(JSON.string(facet.label)),"
                + "\"collection\":\(facet.collection.map(JSON.string) ?? "null"),\"file\":\"\(f)-\(hash)\",\n\"values\":["
                + values.joined(separator: ",") + "]}")
        }

        let groups = corpus.groups.map {
            "{\"name\":\(JSON.string($0.name)),\"label\":\(JSON.string($0.label)),\"start\":\($0.range.lowerBound),\"end\":\($0.range.upperBound)}"
        }
        let manifest = "{\"version\":\(version),\"docs\":\(n),\"block\":\(options.blockSize),\n"
            + "\"scores\":[" + quantizer.table.map(String.init).joined(separator: ",") + "],\n"
            + "\"keys\":[" + keys.map(JSON.string).joined(separator: ",") + "],\n"
            + "\"shards\":\"\(shardHashes)\",\n\"blocks\":\"\(blockHashes)\",\n"
            + "\"groups\":[" + groups.joined(separator: ",\n") + "],\n"
            + "\"facets\":[" + facetEntries.joined(separator: ",\n") + "]}\n"
        files.insert((manifestName, Array(manifest.utf8)), at: 0)
        return Built(files: files, shardCount: shardCount, termCount: run.terms.count, postingCount: postingCount)
    }

    /// The shortest prefix of `next` that sorts after `previous` (whole scalars, compared as
    /// UTF-16 like JavaScript does): the manifest's key for the shard that starts at `next`.
    static func separator(after previous: String, upTo next: String) -> String {
        var prefix = String.UnicodeScalarView()
        for scalar in next.unicodeScalars {
            prefix.append(scalar)
            if previous.utf16.lexicographicallyPrecedes(String(prefix).utf16) { break }
        }
        return String(prefix)
    }

    /// Every page's file, built a block (folder) at a time on every core; and the blocks'
    /// hashes, in order.
    static func documentFiles(_ docs: [SearchDocument], options: SearchIndexOptions) async -> ([(path: String, bytes: [UInt8])], String) {
        let size = options.blockSize
        let blocks = (docs.count + size - 1) / size
        let built = await withTaskGroup(of: (Int, [(String, [UInt8])], String).self) { group in
            for block in 0..<blocks {
                group.addTask {
                    let range = (block * size)..<min(docs.count, (block + 1) * size)
                    let texts = range.map { documentJSON(docs[$0], limit: options.textLimit) }
                    var hash = ContentHash()
                    for text in texts { hash.update(text) }
                    let folder = "d/\(block)-\(hash.hex(length: 8))/"
                    return (block, zip(range, texts).map { (folder + "\($0).json", $1) }, hash.hex(length: 8))
                }
            }
            var all: [(Int, [(String, [UInt8])], String)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }
        }
        return (built.flatMap { $0.1.map { (path: $0.0, bytes: $0.1) } }, built.map(\.2).joined())
    }

    /// A page's file: title, URL path, summary and the start of its text, a paragraph a
    /// line, up to about `limit` bytes (headings are left out: they read badly as passages,
    /// and the title stands above).
    static func documentJSON(_ doc: SearchDocument, limit: Int) -> [UInt8] {
        var json = SearchJSON(capacity: min(limit, doc.body.utf8.count) + doc.summary.utf8.count + 128)
        json.raw("{\"t\":")
        json.string(doc.title)
        json.raw(",\"u\":")
        json.string(doc.path)
        json.raw(",\"s\":")
        json.string(doc.summary)
        json.raw(",\"x\":[")
        let headings = doc.headings.map { Array($0.utf8) }
        var room = limit, first = true
        for line in Array(doc.body.utf8).split(separator: 0x0A) {
            var text = line.drop { $0 == 0x20 || $0 == 0x09 }
            while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0D { text = text.dropLast() }
            guard !text.isEmpty, !headings.contains(where: { $0.elementsEqual(text) }) else { continue }
            guard room > 0 else { break }
            if !first { json.raw(",\n") }
            first = false
            if text.count <= room {
                json.string(text)
                room -= text.count
            } else {
                // Cut on a character boundary (never inside a UTF-8 sequence) and say so.
                var end = text.startIndex + room
                while end > text.startIndex && text[end] & 0xC0 == 0x80 { end -= 1 }
                json.string(Array(text[..<end]) + Array("…".utf8))
                room = 0
            }
        }
        json.raw("]}\n")
        return json.bytes
    }
}
