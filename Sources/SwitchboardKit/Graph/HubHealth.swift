/// Checks that readers can find every entry: warns about orphans (nothing links to them and
/// no menu reaches them) and about pages more clicks from home than `graph.max_depth`.
///
/// Clicks follow what the pages really offer: menus (on every page), links in content,
/// ref relations and backlinks shown on entry pages, breadcrumbs, collection and tag pages.
/// The hub map and search are left out: they reach everything and would hide real gaps.
public struct HubHealth: Sendable {
    public var orphans: [String] = []
    /// Pages beyond the limit, with the shortest click path from home.
    public var tooDeep: [(id: String, path: [String])] = []

    /// The linked site's health, and the warnings about it.
    static func check(site: Site) -> (findings: HubHealth, diagnostics: [Diagnostic]) {
        let options = site.config.graph
        let health = check(index: site.index, navigation: Navigation(site: site), options: options)
        // Warnings point at the entry's file, looked up for the few pages warned about (a table
        // of every entry's file, made by copying every entry, cost more than the check).
        let source = { (id: String) in site.index[id]?.entryIndex.map { site.entries[$0].source } }
        return (health, health.diagnostics(source: source, options: options))
    }

    static func check(index: SiteIndex, navigation: Navigation, options: GraphOptions) -> HubHealth {
        var health = HubHealth()
        // Breadth-first from home, by page number; menu targets are one click from anywhere.
        let map = navigation.number(of: "map") ?? -1
        var depth = [Int32](repeating: -1, count: navigation.ids.count)
        var parent = [Int32](repeating: -1, count: navigation.ids.count)
        var queue: [Int32] = []
        queue.reserveCapacity(navigation.ids.count)
        let home = navigation.number(of: "index") ?? 0  // numbered first, always
        depth[home] = 0
        queue.append(Int32(home))
        for target in navigation.menuTargets.sorted() where target != "map" {
            guard let n = navigation.number(of: target), depth[n] < 0 else { continue }
            depth[n] = 1
            parent[n] = Int32(home)
            queue.append(Int32(n))
        }
        var head = 0
        while head < queue.count {
            let current = Int(queue[head])
            head += 1
            for next in navigation.next[current] where depth[Int(next)] < 0 && Int(next) != map {
                depth[Int(next)] = depth[current] + 1
                parent[Int(next)] = Int32(current)
                queue.append(next)
            }
        }
        for id in index.order {
            guard let page = index[id], page.kind == .entry else { continue }
            let n = navigation.number(of: id)
            if options.warnOrphans && !(n.map { navigation.contentIncoming[$0] } ?? false) && !navigation.menuTargets.contains(id) {
                health.orphans.append(id)
            }
            let d = n.map { depth[$0] } ?? -1
            if d < 0 || Int(d) > options.maxDepth {
                var path: [String] = []
                var cursor = d < 0 ? -1 : n ?? -1
                while cursor >= 0 { path.insert(navigation.ids[cursor], at: 0); cursor = Int(parent[cursor]) }
                health.tooDeep.append((id, path))
            }
        }
        return health
    }

    /// - Parameter source: the file a page comes from, if it has one.
    func diagnostics(source: (String) -> String?, options: GraphOptions) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for id in orphans {
            result.append(.warning(.orphan, "'\(id)' is an orphan: no other page links to it and no menu reaches it",
                                   at: SourceLocation(file: source(id) ?? id, line: 1, column: 1),
                                   hint: "link to it from a related entry, e.g. [[\(id)]], or add it to a menu in hub.yml"))
        }
        for (id, path) in tooDeep {
            let message: String
            if path.isEmpty {
                message = "'\(id)' cannot be reached by clicking from the home page"
            } else {
                message = "'\(id)' is \(path.count - 1) clicks from the home page (more than \(options.maxDepth)): "
                    + path.map { $0 == "index" ? "home" : $0 }.joined(separator: " → ")
            }
            result.append(.warning(.tooDeep, message, at: SourceLocation(file: source(id) ?? id, line: 1, column: 1),
                                   hint: "link to it from a page nearer home, or raise graph.max_depth in hub.yml"))
        }
        return result
    }
}
