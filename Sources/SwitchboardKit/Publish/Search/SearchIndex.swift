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

    /// The index files of a linked site, under `search/`.
    public static func files(site: Site) async -> [OutputFile] {
        await build(SearchCorpus.of(site: site)).files.compactMap { OutputFile(path: folder + "/" + $0.path, text: $0.text) }
    }

    public struct Built: Sendable {
        /// Paths relative to `search/`, manifest first.
        public var files: [(path: String, text: String)]
        public var shardCount: Int
        public var termCount: Int
        public var postingCount: Int

        public func text(_ path: String) -> String? { files.first { $0.path == path }?.text }
        public var totalBytes: Int { files.reduce(0) { $0 + $1.text.utf8.count } }
    }

    public static func build(_ corpus: SearchCorpus, options: SearchIndexOptions = .init()) async -> Built {
        let docs = corpus.documents
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
        var files: [(path: String, text: String)] = []
        var keys: [String] = []
        var shardHashes = ""
        var termsJSON: [String] = [], postingsJSON: [String] = []
        var bytes = 0
        var previousTerm: String?
        func closeShard() {
            guard !termsJSON.isEmpty else { return }
            let text = "{\"t\":[" + termsJSON.joined(separator: ",") + "],\n\"p\":[" + postingsJSON.joined(separator: ",") + "]}\n"
            let hash = ContentHash.of(text.utf8).hex(length: 8)
            files.append(("t/\(keys.count - 1)-\(hash).json", text))
            shardHashes += hash
            termsJSON.removeAll(keepingCapacity: true)
            postingsJSON.removeAll(keepingCapacity: true)
            bytes = 0
        }
        for id in order {
            let term = run.terms[id]
            let postings = run.postings[id]
            let encoded = SearchCodec.encodePostings(postings.indices.map { (Int(postings[$0].doc), quantizer.level(scores[id][$0])) })
            let size = term.utf8.count + encoded.utf8.count + 6
            if termsJSON.isEmpty || bytes + size > options.shardBytes {
                closeShard()
                keys.append(previousTerm.map { separator(after: $0, upTo: term) } ?? "")
            }
            termsJSON.append(JSON.string(term))
            postingsJSON.append("\"" + encoded + "\"")
            bytes += size
            previousTerm = term
        }
        closeShard()
        let shardCount = keys.count

        // Documents, in folders of `blockSize`.
        var blockHashes = ""
        var block = 0
        while block * options.blockSize < n {
            let range = (block * options.blockSize)..<min(n, (block + 1) * options.blockSize)
            let texts = range.map { documentJSON(docs[$0], limit: options.textLimit) }
            var hash = ContentHash()
            for text in texts { hash.update(text.utf8) }
            let folder = "d/\(block)-\(hash.hex(length: 8))/"
            for (i, text) in zip(range, texts) { files.append((folder + "\(i).json", text)) }
            blockHashes += hash.hex(length: 8)
            block += 1
        }

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
            files.append(("f/\(f)-\(hash).json", text))
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
        files.insert((manifestName, manifest), at: 0)
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

    /// A page's file: title, URL path, summary and the start of its text, a paragraph a
    /// line (headings are left out: they read badly as passages and the title stands above).
    static func documentJSON(_ doc: SearchDocument, limit: Int) -> String {
        let headings = Set(doc.headings)
        var paragraphs: [String] = []
        var length = 0
        for line in doc.body.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !headings.contains(text) else { continue }
            let room = limit - length
            guard room > 0 else { break }
            let kept = text.utf16.count <= room ? text : String(text.prefix(room)) + "…"
            paragraphs.append(JSON.string(kept))
            length += kept.utf16.count
        }
        return "{\"t\":\(JSON.string(doc.title)),\"u\":\(JSON.string(doc.path)),\"s\":\(JSON.string(doc.summary)),"
            + "\"x\":[" + paragraphs.joined(separator: ",\n") + "]}\n"
    }
}
