/// "Related" entries: ranked by direct connections (links and refs either way), shared tags
/// and shared link targets. Candidates come only from each entry's neighbourhood, and very
/// common tags or targets are skipped as evidence, so the work stays near-linear in links.
enum RelatedEntries {
    static let commonLimit = 150

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
            let ranked = score.sorted { a, b in
                if a.value != b.value { return a.value > b.value }
                let ta = titles[a.key] ?? a.key, tb = titles[b.key] ?? b.key
                return ta != tb ? ta < tb : a.key < b.key
            }
            result[id] = ranked.prefix(count).map(\.key)
        }
        return result
    }
}
