/// The clicks a reader can make, page to page, as the default theme renders them: content
/// links, ref relations (both ways), backlinks, related entries, breadcrumbs, tags,
/// collection listings and generated pages' own links. Used for the click-depth check.
///
/// Pages are numbered (their place in `ids`) as they are first met, and the clicks kept as
/// numbers: the check walks every click of the hub, and hashing two page ids per click cost
/// more than the walk.
struct Navigation {
    var ids: [String] = []
    private var numbers: [String: Int] = [:]
    /// Per page, the pages one click away, in the order the clicks were added.
    var next: [[Int32]] = []
    /// Pages something other than themselves links to from content (links, refs, generated pages).
    var contentIncoming: [Bool] = []
    var menuTargets = Set<String>()

    func number(of id: String) -> Int? { numbers[id] }

    private mutating func number(_ id: String) -> Int {
        if let n = numbers[id] { return n }
        numbers[id] = ids.count
        ids.append(id)
        next.append([])
        contentIncoming.append(false)
        return ids.count - 1
    }

    private mutating func click(_ from: Int, _ to: Int) { next[from].append(Int32(to)) }

    init(site: Site) {
        numbers.reserveCapacity(site.index.order.count)
        // Home and the menus' pages are where the check starts, whether or not a click leads on.
        _ = number("index")
        for menu in site.graph.menus { for item in menu.items { if let id = item.id { menuTargets.insert(id); _ = number(id) } } }
        // Edges come grouped by source: its number is looked up once a group.
        var source = "", sourceNumber = -1
        for edge in site.graph.edges {
            if sourceNumber < 0 || edge.source != source { (source, sourceNumber) = (edge.source, number(edge.source)) }
            let target = number(edge.target)
            click(sourceNumber, target)
            switch edge.kind {
            case .link, .ref:
                if sourceNumber != target { contentIncoming[target] = true }
                // "Referenced by" and inverse relations link back from the target.
                click(target, sourceNumber)
            case .tag:
                break
            }
        }
        for (id, related) in site.graph.related {
            let from = number(id)
            for other in related { click(from, number(other)) }
        }
        for (name, members) in site.collections {
            let collection = number(name)
            for i in members {
                let entry = number(site.entries[i].id)
                click(collection, entry)
                click(entry, collection)
            }
        }
        let tagIndex = number("tags")
        for tag in site.tags {
            let page = number("tags/" + tag.slug)
            click(tagIndex, page)
            for i in tag.entries { click(page, number(site.entries[i].id)) }
        }
        for (id, page) in site.assessmentPages {
            let from = number(id)
            for target in page.links {
                let to = number(target)
                click(from, to)
                if target != id { contentIncoming[to] = true }
            }
        }
    }
}
