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

    /// Adds one document. Adjacent stems of the title and of each heading are also indexed
    /// as two-word terms ("handl tim"), which rewards a query's words standing together in a
    /// title without storing word positions.
    mutating func add(_ doc: SearchDocument, number: Int) {
        var local: [String: FieldCounts] = [:]
        func count(_ stems: [String], _ field: SearchField, pairs: Bool) {
            for (i, stem) in stems.enumerated() {
                local[stem, default: FieldCounts()].add(field)
                if pairs && i > 0 { local[stems[i - 1] + " " + stem, default: FieldCounts()].add(field) }
            }
        }
        count(SearchTokenizer.stems(doc.title), .title, pairs: true)
        for heading in doc.headings { count(SearchTokenizer.stems(heading), .heading, pairs: true) }
        count(SearchTokenizer.stems(doc.summary), .summary, pairs: false)
        for value in doc.meta { count(SearchTokenizer.stems(value), .meta, pairs: false) }
        let body = SearchTokenizer.stems(doc.body)
        count(body, .body, pairs: false)
        bodyLengths.append(body.count)
        for (term, counts) in local {
            let id: Int
            if let existing = ids[term] {
                id = existing
            } else {
                id = terms.count
                ids[term] = id
                terms.append(term)
                postings.append([])
            }
            postings[id].append(Posting(doc: Int32(number), counts: counts))
        }
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
