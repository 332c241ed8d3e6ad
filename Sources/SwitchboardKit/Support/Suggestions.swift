/// "Did you mean …" hints: the candidates nearest to what was written.
public enum Suggestions {
    /// Up to `limit` candidates whose edit distance to `word` is small relative to its length,
    /// nearest first (ties by name, so hints are stable).
    public static func nearest(to word: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let target = Array(word.lowercased().unicodeScalars)
        let maxDistance = max(2, target.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let c = Array(candidate.lowercased().unicodeScalars)
            // Cheap pre-filter: lengths too far apart cannot be close.
            if abs(c.count - target.count) > maxDistance && !candidate.lowercased().hasSuffix(word.lowercased()) { continue }
            var d = distance(target, c, limit: maxDistance)
            // A short form of a long id (`aht` for `kpis/aht`) is a good hint even if far.
            if candidate.lowercased().hasSuffix("/" + word.lowercased()) { d = 0 }
            if d <= maxDistance { scored.append((d, candidate)) }
        }
        scored.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var seen = Set<String>()
        return scored.compactMap { seen.insert($0.1).inserted ? $0.1 : nil }.prefix(limit).map { $0 }
    }

    /// A hint sentence, or nil when nothing is close.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>, quote: (String) -> String = { "'\($0)'" }) -> String? {
        let found = nearest(to: word, in: candidates)
        guard !found.isEmpty else { return nil }
        return "did you mean " + found.map(quote).joined(separator: " or ") + "?"
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment: `ath` is one edit from `aht`), with an early exit once every
    /// cell of a row exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return rowMin }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
