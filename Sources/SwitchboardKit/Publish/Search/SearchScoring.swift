import Foundation

/// How much a term says about a page, worked out at build time so that the browser only
/// adds numbers. It is BM25F-like: each field's term count is saturated on its own (a title
/// that names the term counts fully once, a body that repeats it twenty times does not
/// count twenty times), the fields are weighted, and the sum is scaled by the term's rarity.
/// Body counts are also normalised by the body's length, so long pages don't win by length.
enum SearchScoring {
    /// Title, headings, summary, tags and field values, body (the order of `SearchField`).
    static let weights: [Double] = [10, 5, 4, 3, 1]
    static let k1 = 1.2
    static let b = 0.75

    static func idf(documentFrequency df: Int, documents n: Int) -> Double {
        log(1 + (Double(n - df) + 0.5) / (Double(df) + 0.5))
    }

    static func saturated(_ tf: Double, norm: Double = 1) -> Double {
        tf == 0 ? 0 : tf * (k1 + 1) / (tf + k1 * norm)
    }

    /// Every posting's score (in the order of `index.postings`), and the quantizer for the largest.
    static func scores(_ index: TermIndex) -> ([Double], SearchQuantizer) {
        let n = index.bodyLengths.count
        let averageLength = n == 0 ? 0 : Double(index.bodyLengths.reduce(0, +)) / Double(n)
        var scores = [Double](repeating: 0, count: index.postings.count)
        var maxScore = 0.0
        for term in index.terms.indices {
            let range = index.range(of: term)
            let idf = idf(documentFrequency: range.count, documents: n)
            for i in range {
                let p = index.postings[i]
                scores[i] = impact(p.counts, bodyLength: index.bodyLengths[Int(p.doc)], averageBodyLength: averageLength, idf: idf)
                maxScore = max(maxScore, scores[i])
            }
        }
        return (scores, SearchQuantizer(maxScore: maxScore))
    }

    static func impact(_ counts: FieldCounts, bodyLength: Int, averageBodyLength: Double, idf: Double) -> Double {
        var sum = 0.0
        for field in SearchField.allCases {
            let tf = counts[field]
            guard tf > 0 else { continue }
            let norm = field == .body && averageBodyLength > 0 ? 1 - b + b * Double(bodyLength) / averageBodyLength : 1
            sum += weights[field.rawValue] * saturated(tf, norm: norm)
        }
        return idf * sum
    }
}

/// Scores to one character: 63 levels on a log scale up to the largest score, and a table
/// of the integer each level stands for. The browser and the reference engine add those
/// integers, so both rank identically, whatever their floating point does.
struct SearchQuantizer: Sendable {
    static let levels = 63
    let logMax: Double

    init(maxScore: Double) {
        logMax = log(1 + max(maxScore, 1e-9))
    }

    func level(_ score: Double) -> Int {
        let q = Int((Double(Self.levels) * log(1 + max(score, 0)) / logMax).rounded())
        return min(Self.levels, max(1, q))
    }

    /// Level → score × 1000 (level 0 is 0).
    var table: [Int] {
        (0...Self.levels).map { q in q == 0 ? 0 : Int((1000 * (exp(Double(q) * logMax / Double(Self.levels)) - 1)).rounded()) }
    }
}
