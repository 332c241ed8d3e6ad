/// View models: the objects the Mustache templates see. Every value is a string, number, Bool,
/// list or object built here — templates never reach into Swift types by reflection,
/// and every string is escaped by Mustache's `{{ }}` unless it is pre-rendered HTML that
/// we produced ourselves (`content`, `chart`), which templates print with `{{{ }}}`.
struct PageContexts {
    let site: Site
    /// Which view-model keys the templates mention; the costly ones (tables of contents,
    /// breadcrumbs, tag links, fallback summaries, facts, backlinks, relations, graphs) are
    /// built only if asked for. A key no template names cannot be looked up, whatever the
    /// context stack: leaving it out never changes a page.
    let uses: (String) -> Bool
    /// The answers of `uses` that every entry page asks for, asked once (each is a lookup
    /// in a set of strings).
    private let wants: Wants
    /// `site` and `assets` as templates see them (but the menus, which mark the current
    /// page), converted once for all pages.
    let siteValues: TemplateObject
    let assets: TemplateValue
    /// Page id → pages it links to / that link to it (entries and pages only), for local graphs.
    let outgoing: [String: Set<String>]
    let incoming: [String: Set<String>]
    /// Names the targets of unlabelled wikilinks in quoted sentences.
    let resolver: LinkResolver
    /// Tag slug → index in `site.tags`.
    let tagsBySlug: [String: Int]
    /// Hash of what every page shares: the site context, assets, menus, Markdown options.
    let staticHash: UInt64

    init(site: Site, uses: @escaping (String) -> Bool = { _ in true }) {
        self.site = site
        self.uses = uses
        wants = Wants(uses)
        var outgoing: [String: Set<String>] = [:], incoming: [String: Set<String>] = [:]
        if uses("local_graph") {
            for edge in site.graph.edges where edge.kind != .tag && edge.source != edge.target {
                outgoing[edge.source, default: []].insert(edge.target)
                incoming[edge.target, default: []].insert(edge.source)
            }
        }
        self.outgoing = outgoing
        self.incoming = incoming
        resolver = LinkResolver(index: site.index, baseURL: site.config.baseURL)
        tagsBySlug = Dictionary(site.tags.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let config = site.config
        var collections: [[String: Any]] = []
        for schema in config.collections {
            guard let page = site.index[schema.name] else { continue }
            collections.append([
                "title": page.title, "url": config.baseURL.url(page.sitePath),
                "description": page.summary ?? "", "count": site.collections[schema.name]?.count ?? 0, "name": schema.name,
            ])
        }
        let siteContext: [String: Any] = [
            "title": config.title, "description": config.description, "language": config.language,
            "base_path": config.baseURL.path, "base_url": config.baseURL.absolute(""),
            "home_url": config.baseURL.url(""), "collections": collections,
            "tags_url": config.baseURL.url("tags/"),
            "search_url": config.baseURL.url("search/"),
            "search_index_url": config.baseURL.url(SearchIndex.folder + "/" + SearchIndex.manifestName),
        ]
        var assets: [String: Any] = [:]
        for (name, path) in site.assetPaths {
            assets[PageContexts.assetKey(name)] = config.baseURL.url(path)
        }
        let siteValue = TemplateValue.from(siteContext) ?? .object([:])
        if case .object(let values) = siteValue { siteValues = values } else { siteValues = TemplateObject() }
        self.assets = TemplateValue.from(assets) ?? .object([:])
        var h = ContentHash()
        ContextHash.hash(siteValue, into: &h)
        ContextHash.hash(self.assets, into: &h)
        for menu in site.graph.menus {
            h.update(menu.name)
            for item in menu.items { h.update(item.title); h.update(item.url); h.update(item.id ?? "\u{1}") }
        }
        let md = site.config.markdown
        h.update("\(md.smartPunctuation) \(md.unsafeHTML) \(md.hardBreaks) \(md.tocLevels)")
        staticHash = h.value
    }

    /// `style.css` → `style_css`, `img/logo.svg` → `img_logo_svg`: Mustache reads dots as paths.
    static func assetKey(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    func url(_ id: String) -> String { site.index[id].map { site.config.baseURL.url($0.sitePath) } ?? "" }

    func link(_ id: String) -> TemplateObject? {
        guard let page = site.index[id] else { return nil }
        var item = TemplateObject(minimumCapacity: 5)  // room for every key: no growing
        item["title"] = .text(page.title)
        item["url"] = .text(site.config.baseURL.url(page.sitePath))
        item["id"] = .text(page.id)
        item["summary"] = .text(page.summary)
        if let c = page.collection, let i = site.config.collectionIndex(named: c) { item["collection"] = .text(site.config.collections[i].title) }
        return item
    }

    /// What a page's template sees as `page`: built as template values, so that it is hashed
    /// (for the page's cache key) and rendered without converting or casting.
    func pageValues(for page: Page, extra: TemplateObject) -> TemplateObject {
        var values = TemplateObject(minimumCapacity: extra.count + 10)
        values["id"] = .text(page.id)
        values["title"] = .text(page.title)
        values["kind"] = .text(page.kind.rawValue)
        values["url"] = .text(site.config.baseURL.url(page.sitePath))
        values["canonical"] = .text(site.config.baseURL.absolute(page.sitePath))
        values["summary"] = .text(page.summary)
        values["is_home"] = .bool(page.kind == .home)
        values.merge(extra)
        values["has_breadcrumbs"] = .bool(values["breadcrumbs"]?.isTruthy ?? false)
        // Extras may set the description to an empty string (the fallback summary of an entry
        // without text): then the page has none, rather than the hub's.
        if values["description"] == nil { values["description"] = .text(page.summary ?? site.config.description) }
        if case .string("")? = values["description"] { values["description"] = nil }
        return values
    }

    /// The whole context for one page: `site` (with the menus marking the current page),
    /// `page` and `assets`.
    func context(for page: Page, values: TemplateObject) -> TemplateValue {
        var siteValues = self.siteValues
        siteValues.reserveCapacity(siteValues.count + 2)  // one copy of the shared pairs, with room for the two below
        var menus = TemplateObject(minimumCapacity: site.graph.menus.count)
        var hasMenu = TemplateObject(minimumCapacity: site.graph.menus.count)
        for menu in site.graph.menus {
            hasMenu[menu.name] = .bool(!menu.items.isEmpty)
            menus[menu.name] = .list(menu.items.map { item in
                var fields = TemplateObject(minimumCapacity: 4)
                fields["current"] = .bool(item.id == page.id)
                fields["external"] = .bool(item.id == nil)
                if !item.title.isEmpty { fields["title"] = .string(item.title) }
                if !item.url.isEmpty { fields["url"] = .string(item.url) }
                return .object(fields)
            })
        }
        siteValues["menus"] = .object(menus)
        siteValues["has_menu"] = .object(hasMenu)
        return .object(["site": .object(siteValues), "page": .object(values), "assets": assets])
    }

    // MARK: kinds

    func breadcrumbs(for page: Page) -> TemplateValue {
        func crumb(_ title: String, _ url: String) -> TemplateValue { .object(compacting: ["title": .text(title), "url": .text(url)]) }
        var crumbs = [crumb("Home", url("index"))]
        if let c = page.collection, page.kind == .entry, let index = site.index[c] {
            crumbs.append(crumb(index.title, url(c)))
        }
        if page.kind == .tag { crumbs.append(crumb("Tags", url("tags"))) }
        if page.kind == .assessment, let parent = page.parentID, let p = site.index[parent] {
            crumbs.append(crumb(p.title, url(parent)))
        }
        return .list(crumbs)
    }

    func toc(_ headings: [MarkdownHeading]) -> TemplateValue {
        let levels = site.config.markdown.tocLevels
        var items: [(item: TemplateObject, children: [TemplateValue])] = []
        items.reserveCapacity(headings.count)
        var top = levels.lowerBound
        if let first = headings.lazy.filter({ levels.contains($0.level) }).map(\.level).min() { top = first }
        for heading in headings where levels.contains(heading.level) {
            // Room for the two keys added below, which it does not have yet.
            var item = TemplateObject(compacting: ["id": .text(heading.id), "text": .text(heading.text)], room: 2)
            if heading.level > top, !items.isEmpty {
                item.append(uniqueKey: "children", .list([]))
                items[items.count - 1].children.append(.object(item))
            } else {
                items.append((item, []))
            }
        }
        // In place: a copy of each item made to add its keys would copy its pairs too.
        for i in items.indices {
            items[i].item.append(uniqueKey: "children", .list(items[i].children))
            if !items[i].children.isEmpty { items[i].item.append(uniqueKey: "has_children", .bool(true)) }
        }
        return .list(items.map { .object($0.item) })
    }

    /// Everything about an entry's page but its body HTML, which the renderer adds last
    /// (and only when the page is not reused from a previous build).
    /// - Parameter e: the entry's position in `site.entries` (its fields are read in place there:
    ///   an entry passed as a value would be copied whole).
    func entryExtras(_ e: Int, page: Page) -> TemplateObject {
        var extra = TemplateObject(minimumCapacity: 16)
        if wants.breadcrumbs { extra["breadcrumbs"] = breadcrumbs(for: page) }
        if wants.toc {
            let toc = self.toc(site.entries[e].markdown.headings)
            extra["toc"] = toc
            if case .list(let items) = toc { extra["has_toc"] = .bool(items.count >= 2) }
        }
        if let updated = site.entries[e].updated {
            extra["updated"] = .text(updated.longForm)
            extra["updated_iso"] = .text(updated.description)
        }
        if wants.tags {
            extra["tags"] = .list(site.entries[e].tags.map { name in
                .object(compacting: ["name": .text(name), "url": .text(url("tags/" + Slug.make(name)))])
            })
        }
        extra["has_tags"] = .bool(!site.entries[e].tags.isEmpty)
        // Set even when empty: a page without text then has no description (`pageValues`).
        if site.entries[e].summary == nil && wants.description {
            extra["description"] = .string(Summary.fallback(site.entries[e].markdown.plainText, title: resolver.title(ofWikilinkTarget:)))
        }
        if let c = site.entries[e].collection, let schema = site.config.collection(named: c) {
            extra["collection"] = .object(compacting: ["title": .text(site.index[c]?.title ?? schema.title), "url": .text(url(c)), "name": .text(c)])
            if wants.facts {
                var facts: [TemplateValue] = []
                var values = TemplateObject(minimumCapacity: schema.fields.count)
                for field in schema.fields {
                    guard let value = site.entries[e].fields[field.name] else { continue }
                    values[field.name] = .text(value.displayText)
                    switch field.type {
                    case .ref, .refs, .scores: continue
                    default:
                        let text = field.type == .enum ? FieldSchema.humanise(value.displayText) : value.displayText
                        facts.append(.object(compacting: ["label": .text(field.label), "value": .text(text), "name": .text(field.name),
                                              "is_text": .bool(field.type == .text || text.count > 60)]))
                    }
                }
                extra["facts"] = .list(facts)
                extra["has_facts"] = .bool(!facts.isEmpty)
                extra["values"] = .object(values)
            }
        }
        if wants.backlinks {
            let backlinks = (site.graph.backlinks[page.id] ?? []).compactMap { b -> (title: String, item: TemplateObject)? in
                guard let source = site.index[b.source], var item = link(b.source) else { return nil }
                if let i = b.link, let s = source.entryIndex, i < site.entries[s].markdown.links.count {
                    // The sentence around the link; unlabelled wikilinks read as their targets' titles.
                    let link = site.entries[s].markdown.links[i]
                    item["before"] = .text(WikilinkText.resolve(link.contextBefore, title: resolver.title(ofWikilinkTarget:)))
                    item["label"] = .text(link.hasLabel ? link.label : page.title)
                    item["after"] = .text(WikilinkText.resolve(link.contextAfter, title: resolver.title(ofWikilinkTarget:)))
                } else {
                    item["before"] = .text(b.note)
                }
                item["has_context"] = .bool(true)
                return (source.title.lowercased(), item)
            }.sorted { $0.title < $1.title }.map { TemplateValue.object($0.item) }
            extra["backlinks"] = .list(backlinks)
            extra["has_backlinks"] = .bool(!backlinks.isEmpty)
        }
        if wants.relations {
            let relations = (site.graph.relations[page.id] ?? []).map { r in
                TemplateValue.object(compacting: ["label": .text(r.label), "items": .list(r.targets.compactMap { link($0).map(TemplateValue.object) })])
            }
            extra["relations"] = .list(relations)
            extra["has_relations"] = .bool(!relations.isEmpty)
        }
        if wants.localGraph && (page.kind == .entry || page.kind == .page) {
            extra["local_graph"] = .text(localGraph(page))
        }
        if wants.related {
            let related = (site.graph.related[page.id] ?? []).compactMap { link($0).map(TemplateValue.object) }
            extra["related"] = .list(related)
            extra["has_related"] = .bool(!related.isEmpty)
        }
        return extra
    }

    /// Graph colour group of a page: its collection's position, pages after all collections.
    func group(_ page: Page) -> Int {
        page.collection.flatMap { c in site.config.collections.firstIndex { $0.name == c } } ?? site.config.collections.count
    }

    func graphNode(_ page: Page) -> GraphSVG.Node {
        GraphSVG.Node(id: page.id, title: page.title, url: site.config.baseURL.url(page.sitePath), group: group(page))
    }

    func localGraph(_ page: Page) -> String {
        let ids = (outgoing[page.id] ?? []).union(incoming[page.id] ?? [])
        let neighbours = ids.compactMap { site.index[$0] }
            .filter { [.entry, .page, .home, .assessment, .collectionIndex].contains($0.kind) }
            .sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
        guard !neighbours.isEmpty else { return "" }
        return GraphSVG.local(center: graphNode(page), neighbours: neighbours.map(graphNode), outgoing: outgoing[page.id] ?? [])
    }

    /// The hub map: every collection a column, home and pages in a last one.
    func mapExtras() -> TemplateObject {
        var groups: [(title: String, url: String, nodes: [GraphSVG.Node])] = []
        var lists: [TemplateValue] = []
        func list(_ title: String, _ url: String, _ ids: [String]) -> TemplateValue {
            .object(compacting: ["title": .text(title), "url": .text(url), "items": .list(ids.compactMap { link($0).map(TemplateValue.object) })])
        }
        for schema in site.config.collections {
            let members = (site.collections[schema.name] ?? []).compactMap { site.index[site.entries[$0].id] }
            guard let index = site.index[schema.name] else { continue }
            groups.append((index.title, url(schema.name), members.map(graphNode)))
            lists.append(list(index.title, url(schema.name), members.map(\.id)))
        }
        let pages = ["index"] + site.entries.filter { $0.kind == .page }.map(\.id)
        let pageNodes = pages.compactMap { site.index[$0] }
        groups.append(("Pages", url("index"), pageNodes.map(graphNode)))
        lists.append(list("Pages", url("index"), pageNodes.map(\.id)))
        let nodeCount = groups.reduce(0) { $0 + $1.nodes.count }
        var extra: TemplateObject = ["groups": .list(lists)]
        if nodeCount <= 600 {
            let edges = site.graph.edges.filter { $0.kind != .tag }.map { ($0.source, $0.target) }
            extra["map"] = .text(GraphSVG.map(groups: groups, edges: edges))
        }
        return extra
    }

    func listItems(_ indexes: [Int]) -> TemplateValue {
        .list(indexes.compactMap { i -> TemplateValue? in
            // Fields read in place: binding the entry would copy all of it, for every item of
            // every list page.
            guard var item = link(site.entries[i].id) else { return nil }
            if site.entries[i].summary == nil && wants.summary {
                item["summary"] = .text(Summary.fallback(site.entries[i].markdown.plainText, title: resolver.title(ofWikilinkTarget:)))
            }
            return .object(item)
        })
    }
}

extension Page {
    /// For generated assessment pages: the page they sit under, for breadcrumbs.
    var parentID: String? {
        let parts = id.split(separator: "/")
        guard parts.count > 1 else { return nil }
        return parts.dropLast().joined(separator: "/")
    }
}

/// A page summary when the author wrote none: the first sentence or so of the text.
enum Summary {
    /// For a page without a summary: the first paragraph of its plain text, cut at a word near
    /// `limit` characters. Wikilinks written without a label read as their targets' titles
    /// (`title`), which are looked up only here: an entry keeps its text with placeholders.
    static func fallback(_ text: String, title: (String) -> String?, limit: Int = 160) -> String {
        let firstParagraph = WikilinkText.resolve(firstLine(of: text), title: title)
        guard firstParagraph.count > limit else { return firstParagraph }
        let cut = firstParagraph.prefix(limit)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + "…" }
        return String(cut) + "…"
    }

    /// The part of an entry's plain text a fallback summary is made from (with wikilink
    /// placeholders): the first non-empty line, which is its first paragraph.
    static func firstLine(of text: String) -> String {
        text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    }
}

/// Which of the view-model keys entry pages may need the templates mention (`PageContexts.uses`).
private struct Wants {
    let breadcrumbs, toc, tags, description, facts, backlinks, relations, localGraph, related, summary: Bool

    init(_ uses: (String) -> Bool) {
        breadcrumbs = uses("breadcrumbs") || uses("has_breadcrumbs")
        toc = uses("toc") || uses("has_toc")
        tags = uses("tags")
        description = uses("description")
        facts = uses("facts") || uses("has_facts") || uses("values")
        backlinks = uses("backlinks")
        relations = uses("relations")
        localGraph = uses("local_graph")
        related = uses("related")
        summary = uses("summary")
    }
}
