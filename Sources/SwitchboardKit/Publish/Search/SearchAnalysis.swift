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

/// The terms of a run of documents, gathered per term so that merging runs is cheap: a run
/// is analysed on its own core, and runs are merged in document order.
struct TermRun: Sendable {
    struct Posting: Sendable {
        var doc: Int32
        var counts: FieldCounts
    }

    var ids: [String: Int] = [:]
    var terms: [String] = []
    var postings: [[Posting]] = []
    /// Body length in terms, per document of the run.
    var bodyLengths: [Int] = []

    // Scratch, because this loop sees every word of the hub: the term each folded word
    // stems to (-1 for a stop word) so that each word is stemmed once per run, and the
    // counts of the current document by term id, with the ids it touched.
    private var wordTerms: [String: Int] = [:]
    private var pairTerms: [Int: Int] = [:]
    private var current: [FieldCounts] = []
    private var touched: [Int] = []

    private mutating func id(of term: String) -> Int {
        if let id = ids[term] { return id }
        let id = terms.count
        ids[term] = id
        terms.append(term)
        postings.append([])
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
        SearchTokenizer.scan(text) { word in
            let term: Int
            if let known = wordTerms[word] {
                term = known
            } else {
                term = SearchTokenizer.stopWords.contains(word) ? -1 : id(of: SearchStemmer.stem(word))
                wordTerms[word] = term
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
        bodyLengths.append(count(doc.body, .body, pairs: false))
        for id in touched {
            postings[id].append(Posting(doc: Int32(number), counts: current[id]))
            current[id] = FieldCounts()
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Appends a later run (its documents all come after ours).
    mutating func merge(_ other: TermRun) {
        for (otherID, term) in other.terms.enumerated() {
            if let id = ids[term] {
                postings[id] += other.postings[otherID]
            } else {
                ids[term] = terms.count
                terms.append(term)
                postings.append(other.postings[otherID])
            }
        }
        bodyLengths += other.bodyLengths
    }

    /// Analyses documents on every core, in runs, and merges the runs in order.
    static func analyse(_ documents: [SearchDocument]) async -> TermRun {
        let chunks = Parallel.chunks(documents.count)
        let runs = await withTaskGroup(of: (Int, TermRun).self) { group in
            for (n, range) in chunks.enumerated() {
                group.addTask {
                    var run = TermRun()
                    for i in range { run.add(documents[i], number: i) }
                    return (n, run)
                }
            }
            var all: [(Int, TermRun)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        guard var merged = runs.first else { return TermRun() }
        for run in runs.dropFirst() { merged.merge(run) }
        return merged
    }
}
