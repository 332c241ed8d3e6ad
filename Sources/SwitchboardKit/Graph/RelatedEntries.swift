/// "Related" entries: ranked by direct connections (links and refs either way), shared tags
/// and shared link targets. Candidates come only from each entry's neighbourhood, and very
/// common tags or targets are skipped as evidence, so the work stays near-linear in links.
enum RelatedEntries {
    static let commonLimit = 150

    /// Higher score first, then title, then id: a total order, so the result is deterministic.
    static func ranksBelow(_ a: (id: String, score: Int, title: String), _ b: (id: String, score: Int, title: String)) -> Bool {
        if a.score != b.score { return a.score < b.score }
        return a.title != b.title ? a.title > b.title : a.id > b.id
    }

    static func compute(entryIDs: [String], edges: [LinkGraph.Edge], tagsByEntry: [String: [String]],
                        titles: [String: String], count: Int) -> [String: [String]] {
        guard count > 0 else { return [:] }
        let isEntry = Set(entryIDs)
        var outgoing: [String: Set<String>] = [:]
        var incoming: [String: Set<String>] = [:]
        for edge in edges where edge.kind != .tag && isEntry.contains(edge.source) && isEntry.contains(edge.target) && edge.source != edge.target {
            outgoing[edge.source, default: []].insert(edge.target)
            incoming[edge.target, default: []].insert(edge.source)
        }
        var tagMembers: [String: [String]] = [:]
        for id in entryIDs { for tag in tagsByEntry[id] ?? [] { tagMembers[tag, default: []].append(id) } }

        var result: [String: [String]] = [:]
        for id in entryIDs {
            var score: [String: Int] = [:]
            for other in outgoing[id] ?? [] { score[other, default: 0] += 3 }
            for other in incoming[id] ?? [] { score[other, default: 0] += 3 }
            for tag in tagsByEntry[id] ?? [] {
                guard let members = tagMembers[tag], members.count <= commonLimit else { continue }
                for other in members where other != id { score[other, default: 0] += 1 }
            }
            for target in outgoing[id] ?? [] {
                guard let cociting = incoming[target], cociting.count <= commonLimit else { continue }
                for other in cociting where other != id { score[other, default: 0] += 1 }
            }
            score[id] = nil
            // Only the best `count` are kept: a bounded insertion beats sorting every candidate.
            var best: [(id: String, score: Int, title: String)] = []
            for (other, value) in score {
                if best.count == count, let last = best.last, value < last.score { continue }
                let candidate = (id: other, score: value, title: titles[other] ?? other)
                let position = best.firstIndex { ranksBelow($0, candidate) } ?? best.count
                if position < count {
                    best.insert(candidate, at: position)
                    if best.count > count { best.removeLast() }
                }
            }
            result[id] = best.map(\.id)
        }
        return result
    }
}
