import Foundation

/// The fields of a page, in the order of `SearchScoring.weights`.
enum SearchField: Int, CaseIterable {
    case title, heading, summary, meta, body
}

/// How often a term occurs in each field of one page.
struct FieldCounts: Sendable {
    var counts: (UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0)

    mutating func add(_ field: SearchField) {
        switch field {
        case .title: Self.bump(&counts.0)
        case .heading: Self.bump(&counts.1)
        case .summary: Self.bump(&counts.2)
        case .meta: Self.bump(&counts.3)
        case .body: Self.bump(&counts.4)
        }
    }

    private static func bump(_ x: inout UInt16) { if x < .max { x += 1 } }

    var isEmpty: Bool { counts == (0, 0, 0, 0, 0) }

    subscript(field: SearchField) -> Double {
        switch field {
        case .title: return Double(counts.0)
        case .heading: return Double(counts.1)
        case .summary: return Double(counts.2)
        case .meta: return Double(counts.3)
        case .body: return Double(counts.4)
        }
    }
}

/// Every term of the hub with its postings: the analysis's result. Postings are one flat
/// array grouped by term (documents ascending within a term), because two million small
/// arrays growing one posting at a time cost more in allocation than the analysis itself.
struct TermIndex: Sendable {
    struct Posting: Sendable {
        var doc: Int32
        var counts: FieldCounts
    }

    var terms: [String] = []
    /// Term `t`'s postings are `postings[starts[t]..<starts[t + 1]]`.
    var starts: [Int] = [0]
    var postings: [Posting] = []
    /// Body length in terms, per document.
    var bodyLengths: [Int] = []

    func range(of term: Int) -> Range<Int> { starts[term]..<starts[term + 1] }

    /// Analyses documents on every core, in runs, and merges the runs in order. One run a
    /// core, and none under a few hundred pages: each run stems its own vocabulary again.
    static func analyse(_ documents: [SearchDocument]) async -> TermIndex {
        let count = max(1, min(ProcessInfo.processInfo.activeProcessorCount, documents.count / 256))
        let size = (documents.count + count - 1) / count
        let chunks = stride(from: 0, to: documents.count, by: max(1, size)).map { $0..<min($0 + size, documents.count) }
        let runs = await withTaskGroup(of: (Int, TermRun).self) { group in
            for (n, range) in chunks.enumerated() {
                group.addTask {
                    var run = TermRun()
                    // Room made up front for a distinct term per 16 bytes of text (prose has one
                    // per 25 to 30): grown by doubling, a large hub's entries were copied into
                    // fresh memory a dozen times (room not written to costs no memory).
                    run.entries.reserveCapacity(range.reduce(0) { $0 + documents[$1].textBytes } / 16)
                    for i in range {
                        if Task.isCancelled { break }  // the build stopped: nothing will be published
                        run.add(documents[i], number: i)
                    }
                    return (n, run)
                }
            }
            var all: [(Int, TermRun)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return TermIndex(merging: runs)
    }

    /// Runs in document order → one index: a counting sort of every posting by term, which
    /// keeps each term's documents in order.
    init(merging runs: [TermRun]) {
        var ids: [String: Int] = [:]
        let global = runs.map { run in
            run.terms.map { term -> Int in
                if let id = ids[term] { return id }
                ids[term] = terms.count
                terms.append(term)
                return terms.count - 1
            }
        }
        var counts = [Int](repeating: 0, count: terms.count)
        for (r, run) in runs.enumerated() {
            for entry in run.entries { counts[global[r][Int(entry.term)]] += 1 }
        }
        starts = [0]
        starts.reserveCapacity(terms.count + 1)
        for c in counts { starts.append(starts[starts.count - 1] + c) }
        var cursor = Array(starts.dropLast())
        postings = Array(repeating: Posting(doc: 0, counts: FieldCounts()), count: starts[terms.count])
        for (r, run) in runs.enumerated() {
            for entry in run.entries {
                let t = global[r][Int(entry.term)]
                postings[cursor[t]] = Posting(doc: entry.doc, counts: entry.counts)
                cursor[t] += 1
            }
            bodyLengths += run.bodyLengths
        }
    }
}

/// The terms of a run of documents, analysed on one core: every (term, document, counts) in
/// document order, terms numbered as the run meets them.
struct TermRun: Sendable {
    struct Entry: Sendable {
        var term: Int32
        var doc: Int32
        var counts: FieldCounts
    }

    var terms: [String] = []
    var entries: [Entry] = []
    var bodyLengths: [Int] = []

    // Scratch, because this loop sees every word of the hub: the term each folded word
    // stems to (-1 for a stop word) so that each word is stemmed once per run, and the
    // counts of the current document by term id, with the ids it touched.
    private var ids: [String: Int] = [:]
    private var wordTerms = SearchWordTable()
    private var pairTerms: [Int: Int] = [:]
    private var current: [FieldCounts] = []
    private var touched: [Int] = []

    private mutating func id(of term: String) -> Int {
        if let id = ids[term] { return id }
        let id = terms.count
        ids[term] = id
        terms.append(term)
        current.append(FieldCounts())
        return id
    }

    private mutating func count(_ id: Int, _ field: SearchField) {
        if current[id].isEmpty { touched.append(id) }
        current[id].add(field)
    }

    /// Counts the words of `text` in `field`; with `pairs`, adjacent stems are also counted
    /// as two-word terms ("handl tim"), which rewards a query's words standing together in a
    /// title or heading without storing word positions. Returns the number of terms.
    @discardableResult
    private mutating func count(_ text: String, _ field: SearchField, pairs: Bool) -> Int {
        var previous = -1, n = 0
        SearchTokenizer.scanBytes(text) { bytes, hash in
            let term: Int
            if let known = wordTerms.value(of: bytes, hash: hash) {
                term = known
            } else {
                let word = String(decoding: bytes, as: UTF8.self)
                term = SearchTokenizer.stopWords.contains(word) ? -1 : id(of: SearchStemmer.stem(word))
                wordTerms.insert(bytes, hash: hash, value: term)
            }
            guard term >= 0 else { return }
            n += 1
            count(term, field)
            if pairs && previous >= 0 {
                let key = previous << 32 | term
                let pair: Int
                if let known = pairTerms[key] {
                    pair = known
                } else {
                    pair = id(of: terms[previous] + " " + terms[term])
                    pairTerms[key] = pair
                }
                count(pair, field)
            }
            previous = term
        }
        return n
    }

    mutating func add(_ doc: SearchDocument, number: Int) {
        count(doc.title, .title, pairs: true)
        for heading in doc.headings { count(heading, .heading, pairs: true) }
        count(doc.summary, .summary, pairs: false)
        for value in doc.meta { count(value, .meta, pairs: false) }
        bodyLengths.append(count(doc.readableBody, .body, pairs: false))
        for id in touched {
            entries.append(Entry(term: Int32(id), doc: Int32(number), counts: current[id]))
            current[id] = FieldCounts()
        }
        touched.removeAll(keepingCapacity: true)
    }
}
