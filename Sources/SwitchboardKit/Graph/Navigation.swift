/// The clicks a reader can make, page to page, as the default theme renders them: content
/// links, ref relations (both ways), backlinks, related entries, breadcrumbs, tags,
/// collection listings and generated pages' own links. Used for the click-depth check.
enum Navigation {
    static func edges(site: Site) -> (navigation: [String: [String]], menuTargets: Set<String>, contentIncoming: Set<String>) {
        var nav: [String: [String]] = [:]
        var incoming = Set<String>()
        for edge in site.graph.edges {
            nav[edge.source, default: []].append(edge.target)
            switch edge.kind {
            case .link, .ref:
                if edge.source != edge.target { incoming.insert(edge.target) }
                // "Referenced by" and inverse relations link back from the target.
                nav[edge.target, default: []].append(edge.source)
            case .tag:
                break
            }
        }
        for (id, related) in site.graph.related { nav[id, default: []] += related }
        for (name, members) in site.collections {
            for i in members {
                let id = site.entries[i].id
                nav[name, default: []].append(id)
                nav[id, default: []].append(name)
            }
        }
        for tag in site.tags {
            nav["tags", default: []].append("tags/" + tag.slug)
            nav["tags/" + tag.slug, default: []] += tag.entries.map { site.entries[$0].id }
        }
        for (id, page) in site.assessmentPages {
            nav[id, default: []] += page.links
            for target in page.links where target != id { incoming.insert(target) }
        }
        var menuTargets = Set<String>()
        for menu in site.graph.menus { for item in menu.items { if let id = item.id { menuTargets.insert(id) } } }
        return (nav, menuTargets, incoming)
    }
}
