/// The hub's connections, resolved and checked: what every link in every entry points to,
/// who links to whom (backlinks with the sentence around the link), the typed relations of
/// ref fields in both directions, and the related entries of each page.
public struct LinkGraph: Sendable {
    public enum EdgeKind: Sendable, Hashable {
        case link
        case ref(field: String)
        case tag
    }

    public struct Edge: Sendable, Hashable {
        public var source: String
        public var target: String
        public var kind: EdgeKind
    }

    /// A page that links here. The sentence around the link is not copied: it stays with the
    /// source entry's Markdown link (`link` indexes its links) and is read when a page shows it.
    public struct Backlink: Sendable, Hashable {
        public var source: String
        public var link: Int?
        /// For links from generated pages, which have no Markdown: what they say about it.
        public var note: String = ""
    }

    /// A labelled group of related pages ("Replaces", "Replaced by").
    public struct Relation: Sendable, Hashable {
        public var label: String
        public var field: String
        public var inverse: Bool
        public var targets: [String]
    }

    /// Per entry (same index as `Site.entries`): the resolution of each Markdown link.
    public var resolvedLinks: [[ResolvedLink?]] = []
    public var edges: [Edge] = []
    public var backlinks: [String: [Backlink]] = [:]
    public var relations: [String: [Relation]] = [:]
    public var related: [String: [String]] = [:]
    /// Menu targets: (menu name, title, url, page id if internal).
    public var menus: [(name: String, items: [(title: String, url: String, id: String?)])] = []

    public init() {}
}

extension LinkGraph {
    /// Resolves all links of all entries, ref fields and menus.
    static func build(entries: [Entry], index: SiteIndex, config: HubConfig,
                      diagnostics: inout [Diagnostic]) -> LinkGraph {
        var graph = LinkGraph()
        var resolver = LinkResolver(index: index, baseURL: config.baseURL)
        var failures = 0
        // Room for an edge per link and tag: grown by doubling instead, a large hub's edges
        // would be copied a dozen times into fresh memory.
        var edgeCount = 0
        for e in entries.indices { edgeCount += entries[e].markdown.links.count + entries[e].tags.count }
        graph.edges.reserveCapacity(edgeCount)
        graph.resolvedLinks.reserveCapacity(entries.count)

        // By index: `for entry in entries` would copy every entry whole.
        for e in entries.indices {
            guard let page = index[entries[e].id] else { graph.resolvedLinks.append([]); continue }
            var resolutions: [ResolvedLink?] = []
            resolutions.reserveCapacity(entries[e].markdown.links.count)
            var backlinked = Set<String>()  // one backlink per target, at the first link to it
            for (linkIndex, link) in entries[e].markdown.links.enumerated() {
                switch resolver.resolve(link, from: page, source: entries[e].source) {
                case .external:
                    resolutions.append(nil)
                case .internal(let targetID, let url):
                    let label = targetID.flatMap { index[$0]?.title }
                    resolutions.append(ResolvedLink(url: url, label: label))
                    if let targetID, targetID != entries[e].id, link.form != .image {
                        graph.edges.append(Edge(source: entries[e].id, target: targetID, kind: .link))
                        if backlinked.insert(targetID).inserted {
                            graph.backlinks[targetID, default: []].append(Backlink(source: entries[e].id, link: linkIndex))
                        }
                    }
                case .failure(let d):
                    diagnostics.append(d)
                    resolutions.append(ResolvedLink(url: ""))
                    failures += 1
                    if failures == 250 { resolver.hints = false }
                }
            }
            graph.resolvedLinks.append(resolutions)

            // Ref fields, in schema order.
            // Fields by position: `for field in` would copy every field's schema to find the refs.
            let fields = entries[e].collection.flatMap { config.collection(named: $0) }?.fields ?? []
            for f in fields.indices where fields[f].type == .ref || fields[f].type == .refs {
                let field = fields[f]
                let refs: [Located<String>]
                switch entries[e].fields[field.name] {
                case .ref(let r)?: refs = [r]
                case .refs(let rs)?: refs = rs
                default: continue
                }
                var targets: [String] = []
                for ref in refs {
                    switch resolver.resolveID(ref.value, at: ref.location, form: "ref", collection: field.collection) {
                    case .success(let target):
                        guard !targets.contains(target.id) else { continue }
                        targets.append(target.id)
                        graph.edges.append(Edge(source: entries[e].id, target: target.id, kind: .ref(field: field.name)))
                        graph.relations[target.id, default: []].appendTarget(entries[e].id, label: field.inverseLabel ?? "\(field.label) (from)",
                                                                              field: field.name, inverse: true)
                    case .failure(let d):
                        diagnostics.append(d)
                    }
                }
                if !targets.isEmpty {
                    graph.relations[entries[e].id, default: []].append(Relation(label: field.label, field: field.name, inverse: false, targets: targets))
                }
            }
            for tag in entries[e].tags {
                graph.edges.append(Edge(source: entries[e].id, target: "tags/" + Slug.make(tag), kind: .tag))
            }
        }

        for menu in config.menus {
            var items: [(String, String, String?)] = []
            for item in menu.items {
                // A menu is on every page: a `javascript:` link there would run for every reader.
                if UnsafeURL.isDangerous(item.link, image: false) {
                    diagnostics.append(.error(.unsafeURL, "menu link '\(item.link)' uses a scheme that can run script or read local files",
                                              at: item.location, hint: "link to a page of the hub or an http(s) address"))
                    continue
                }
                if LinkResolver.isExternal(item.link) {
                    items.append((item.title, item.link, nil))
                    continue
                }
                let (id, anchor) = resolver.splitAnchor(item.link)
                switch resolver.resolveID(id, at: item.location, form: "menu link") {
                case .success(let page):
                    var url = config.baseURL.url(page.sitePath)
                    if let anchor, !anchor.isEmpty {
                        if page.anchors.contains(anchor) { url += "#" + anchor } else {
                            diagnostics.append(.error(.unknownAnchor, "'#\(anchor)' is not a heading of '\(page.id)'", at: item.location,
                                                      hint: Suggestions.didYouMean(anchor, in: page.anchors)))
                        }
                    }
                    items.append((item.title, url, page.id))
                case .failure(let d):
                    diagnostics.append(d)
                }
            }
            graph.menus.append((menu.name, items))
        }
        return graph
    }
}

private extension Array where Element == LinkGraph.Relation {
    mutating func appendTarget(_ id: String, label: String, field: String, inverse: Bool) {
        if let i = firstIndex(where: { $0.field == field && $0.inverse == inverse }) {
            if !self[i].targets.contains(id) { self[i].targets.append(id) }
        } else {
            append(LinkGraph.Relation(label: label, field: field, inverse: inverse, targets: [id]))
        }
    }
}
