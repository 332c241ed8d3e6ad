import Foundation

/// Tuning of the index layout; the defaults suit hubs from a dozen pages to tens of thousands.
public struct SearchIndexOptions: Sendable {
    /// A term shard is closed once it holds about this many bytes, so a query word costs
    /// about one shard whatever the size of the hub (a word whose postings are larger gets
    /// a shard of its own). More shards means a longer shard list in the manifest.
    public var shardBytes = 12_000
    /// Pages per page file. Each file a build writes costs far more than its bytes (on the
    /// 2-core benchmark machine, creating a file takes ~0.2 ms of system time), and one file
    /// per page doubles the files of a build; four pages a file keep a query's download small.
    public var packSize = 4
    /// Pages per folder of page files (one content hash per folder in the manifest); a
    /// multiple of `packSize`.
    public var blockSize = 100
    /// Bytes of a page's text kept for the passage shown under a result.
    public var textLimit = 2_000

    public init() {}

    var pack: Int { max(1, packSize) }
    var block: Int { max(1, blockSize / pack) * pack }
}

/// The static search index, written to `search/` at build time (see docs/search.md):
///
/// - `manifest.json`, the one entry point, at a stable URL: document count, score table, the
///   first term of every term shard, content hashes of every other file, collections as
///   ranges of document numbers, and the facets from the schema.
/// - `t/<n>-<hash>.json`: term shards, the terms in sorted order cut into runs of about
///   `shardBytes`, each term with its posting list (`SearchCodec`). A query downloads only
///   the shards its words fall in; the completions of a word being typed sit next to it.
/// - `d/<block>-<hash>/<pack>.json`: per few pages, their titles, URLs, summaries and the
///   start of their text, fetched only for the results on screen.
/// - `f/<n>-<hash>.json`: per facet, the documents having each value, fetched only when
///   that filter is used.
///
/// Every name but the manifest's carries a hash of its content (a page file's folder, of what
/// its files are made from), so it can be cached forever.
public enum SearchIndex {
    public static let folder = "search"
    public static let manifestName = "manifest.json"
    public static let version = 1

    /// Whether a site path is one of the index's files (all JSON, under `search/`, beside
    /// the search page).
    static func isIndexFile(_ sitePath: String) -> Bool {
        sitePath.hasPrefix(folder + "/") && sitePath.hasSuffix(".json")
    }

    /// The index files of a site, under `search/`. `SWITCHBOARD_SEARCH=off` in the
    /// environment leaves them out: only for measuring what the index costs a build
    /// (Benchmarks/search/run); the search box then finds nothing.
    public static func files(_ source: SearchCorpus.Source) async -> [OutputFile] {
        if ProcessInfo.processInfo.environment["SWITCHBOARD_SEARCH"] == "off" { return [] }
        let built = await build(SearchCorpus.of(source))
        return built.files.compactMap { OutputFile(path: folder + "/" + $0.path, contents: $0.contents) }
    }

    public static func files(site: Site) async -> [OutputFile] { await files(SearchCorpus.Source(site: site)) }

    /// Starts building the index of the pages the index stage found, to run while the build
    /// links, checks and renders; the build awaits it before publishing, and cancels it when
    /// it stops early (an error), which stops the work within a page or so.
    static func start(config: HubConfig, indexed: IndexBuilder.Result) -> Task<[OutputFile], Never> {
        let source = SearchCorpus.Source(config: config, entries: indexed.entries, index: indexed.index,
                                         collections: indexed.collections, tags: indexed.tags)
        return Task { await files(source) }
    }

    /// One file of the index: its bytes, or (page files) how to make them when written.
    public struct File: Sendable {
        public var path: String
        public var contents: OutputFile.Contents

        public var bytes: [UInt8] {
            switch contents {
            case .bytes(let bytes): return bytes
            case .made(let make): return make()
            case .copy: return []
            }
        }
    }

    public struct Built: Sendable {
        /// Paths relative to `search/`, manifest first.
        public var files: [File]
        public var shardCount: Int
        public var termCount: Int
        public var postingCount: Int

        public func text(_ path: String) -> String? { files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) } }
        public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }
    }

    public static func build(_ corpus: SearchCorpus, options: SearchIndexOptions = .init()) async -> Built {
        let docs = corpus.documents
        // Page files and facets need only the documents: made while the terms are analysed,
        // so that the index's last steps do not wait for them on one core.
        async let pages = documentFiles(docs, options: options)
        async let facetsMade = facetFiles(corpus)
        let run = await TermIndex.analyse(docs)
        if Task.isCancelled { return Built(files: [], shardCount: 0, termCount: 0, postingCount: 0) }
        let (scores, quantizer) = SearchScoring.scores(run)
        let shards = await termShards(run, scores: scores, quantizer: quantizer, options: options)
        let facets = await facetsMade
        let (pageFiles, blockHashes) = await pages

        var manifest = JSONBytes(capacity: 4_096 + shards.keys.count * 16)
        manifest.raw(made: "{\"version\":\(version),\"docs\":\(docs.count),\"block\":\(options.block),\"pack\":\(options.pack),\n\"scores\":[")
        manifest.raw(made: quantizer.table.map(String.init).joined(separator: ","))
        manifest.raw("],\n\"keys\":[")
        for (i, key) in shards.keys.enumerated() {
            if i > 0 { manifest.raw(",") }
            manifest.string(key)
        }
        manifest.raw(made: "],\n\"shards\":\"\(shards.hashes)\",\n\"blocks\":\"\(blockHashes)\",\n\"groups\":[")
        manifest.raw(made: corpus.groups.map {
            "{\"name\":\(JSON.string($0.name)),\"label\":\(JSON.string($0.label)),\"start\":\($0.range.lowerBound),\"end\":\($0.range.upperBound)}"
        }.joined(separator: ",\n"))
        manifest.raw(made: "],\n\"facets\":[" + facets.entries.joined(separator: ",\n") + "]}\n")

        let files = ([(manifestName, manifest.bytes)] + shards.files).map { File(path: $0.0, contents: .bytes($0.1)) }
            + pageFiles + facets.files.map { File(path: $0.path, contents: .bytes($0.bytes)) }
        return Built(files: files, shardCount: shards.keys.count, termCount: run.terms.count, postingCount: run.postings.count)
    }

    /// Per facet, a file of the documents having each value; and the facet's entry in the
    /// manifest (name, label, collection, file, and each value with its label and count).
    static func facetFiles(_ corpus: SearchCorpus) -> (files: [(path: String, bytes: [UInt8])], entries: [String]) {
        var files: [(path: String, bytes: [UInt8])] = [], entries: [String] = []
        for (f, facet) in corpus.facets.enumerated() {
            var members: [String: [Int]] = [:]
            for (i, doc) in corpus.documents.enumerated() {
                for value in doc.facets[facet.name] ?? [] where members[value]?.last != i { members[value, default: []].append(i) }
            }
            let text = "{\"v\":[" + facet.values.map { "\"" + SearchCodec.encodeDocuments(members[$0.value] ?? []) + "\"" }
                .joined(separator: ",") + "]}\n"
            let name = "\(f)-\(ContentHash.of(text.utf8).hex(length: 8))"
            files.append(("f/\(name).json", Array(text.utf8)))
            let values = facet.values.map { "[\(JSON.string($0.value)),\(JSON.string($0.label)),\(members[$0.value]?.count ?? 0)]" }
            entries.append("{\"name\":\(JSON.string(facet.name)),\"label\":\(JSON.string(facet.label)),"
                + "\"collection\":\(facet.collection.map(JSON.string) ?? "null"),\"file\":\"\(name)\",\n\"values\":["
                + values.joined(separator: ",") + "]}")
        }
        return (files, entries)
    }
}
