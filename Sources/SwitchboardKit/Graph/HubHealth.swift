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
    /// Clicks from home to each reachable page.
    public var depth: [String: Int] = [:]

    /// The linked site's health, and the warnings about it.
    static func check(site: Site) -> (findings: HubHealth, diagnostics: [Diagnostic]) {
        let (navigation, menuTargets, incoming) = Navigation.edges(site: site)
        let options = site.config.graph
        let health = check(index: site.index, navigation: navigation, menuTargets: menuTargets, contentIncoming: incoming, options: options)
        // Warnings point at the entry's file, looked up for the few pages warned about (a table
        // of every entry's file, made by copying every entry, cost more than the check).
        let source = { (id: String) in site.index[id]?.entryIndex.map { site.entries[$0].source } }
        return (health, health.diagnostics(source: source, options: options))
    }

    static func check(index: SiteIndex, navigation: [String: [String]], menuTargets: Set<String>,
                      contentIncoming: Set<String>, options: GraphOptions) -> HubHealth {
        var health = HubHealth()
        // Breadth-first from home; menu targets are one click from anywhere.
        var parent: [String: String] = [:]
        var queue: [String] = ["index"]
        health.depth["index"] = 0
        for target in menuTargets.sorted() where health.depth[target] == nil && target != "map" {
            health.depth[target] = 1
            parent[target] = "index"
            queue.append(target)
        }
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            let d = health.depth[current]!
            for next in navigation[current] ?? [] where health.depth[next] == nil && next != "map" {
                health.depth[next] = d + 1
                parent[next] = current
                queue.append(next)
            }
        }
        for id in index.order {
            guard let page = index[id], page.kind == .entry else { continue }
            if options.warnOrphans && !contentIncoming.contains(id) && !menuTargets.contains(id) {
                health.orphans.append(id)
            }
            let d = health.depth[id] ?? Int.max
            if d > options.maxDepth {
                var path: [String] = []
                var cursor: String? = health.depth[id] == nil ? nil : id
                while let c = cursor { path.insert(c, at: 0); cursor = parent[c] }
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
