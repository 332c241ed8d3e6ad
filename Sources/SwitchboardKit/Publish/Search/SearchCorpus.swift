/// One page as search sees it: its text by field (the fields weigh differently in ranking)
/// and the facet values it can be filtered by.
public struct SearchDocument: Sendable {
    public var path: String
    public var title: String
    public var summary: String
    public var headings: [String]
    /// Tags and field values, one per element.
    public var meta: [String]
    /// The reader-visible text, one paragraph a line; unlabelled wikilinks as placeholders
    /// (the entry's own text, not a copy), read through `readableBody`.
    public var body: String
    /// The values of text fields, read as more body text. Kept apart rather than appended to
    /// `body`, which would copy the entry's whole text.
    public var fieldText: [String] = []
    /// The titles of the placeholders' targets in `body`.
    public var wikilinkTitles: [String: String] = [:]
    /// Facet name → the values this page has.
    public var facets: [String: [String]] = [:]

    /// About how many bytes of text the index reads from this page (wikilinks as written).
    var textBytes: Int {
        var n = title.utf8.count + summary.utf8.count + body.utf8.count
        for text in headings { n += text.utf8.count }
        for text in meta { n += text.utf8.count }
        for text in fieldText { n += text.utf8.count }
        return n
    }

    /// `body` as the reader sees it. Made when needed and let go after: a hub's text is not
    /// held twice while its index is built.
    public var readableBody: String {
        let text = WikilinkText.resolve(body) { wikilinkTitles[$0] }
        return fieldText.isEmpty ? text : ([text] + fieldText).joined(separator: "\n")
    }

    public init(path: String, title: String, summary: String = "", headings: [String] = [], meta: [String] = [], body: String = "") {
        self.path = path
        self.title = title
        self.summary = summary
        self.headings = headings
        self.meta = meta
        self.body = body
    }
}

/// A filter the reader can apply: tags, or an enum field of one collection.
public struct SearchFacet: Sendable, Equatable {
    public var name: String
    public var label: String
    /// The collection an enum field belongs to; nil for tags.
    public var collection: String?
    /// Allowed values and how they read, in schema order (tags by name).
    public var values: [(value: String, label: String)]

    public static func == (a: SearchFacet, b: SearchFacet) -> Bool {
        a.name == b.name && a.label == b.label && a.collection == b.collection
            && a.values.map(\.value) == b.values.map(\.value) && a.values.map(\.label) == b.values.map(\.label)
    }
}

/// Everything that goes into the index. Documents are numbered group by group — each
/// collection in hub.yml order, then the other pages — so that "only KPIs" is a range of
/// document numbers that the browser checks without downloading anything.
public struct SearchCorpus: Sendable {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var label: String
        public var range: Range<Int>
    }

    public var documents: [SearchDocument] = []
    public var groups: [Group] = []
    public var facets: [SearchFacet] = []

    public init() {}

    /// Appends a group of documents (empty groups are kept, so the filter lists every collection).
    public mutating func addGroup(name: String, label: String, documents docs: [SearchDocument]) {
        let start = documents.count
        documents += docs
        groups.append(Group(name: name, label: label, range: start..<documents.count))
    }

    public static let otherPagesGroup = "pages"

    /// What the corpus is made of: the site as the index stage leaves it (the build starts
    /// the search index then, so that it is made while the later stages run).
    public struct Source: Sendable {
        public var config: HubConfig
        public var entries: [Entry]
        public var index: SiteIndex
        /// Collection name → indexes into `entries`, in the collection's order.
        public var collections: [String: [Int]]
        public var tags: [Site.Tag]

        public init(site: Site) {
            self.init(config: site.config, entries: site.entries, index: site.index, collections: site.collections, tags: site.tags)
        }

        public init(config: HubConfig, entries: [Entry], index: SiteIndex, collections: [String: [Int]], tags: [Site.Tag]) {
            self.config = config
            self.entries = entries
            self.index = index
            self.collections = collections
            self.tags = tags
        }
    }

    public static func of(site: Site) -> SearchCorpus { of(Source(site: site)) }

    /// The corpus of a hub: every collection entry, then the home page, top-level pages,
    /// collection indexes and generated assessment pages. Tag pages, the hub map and the
    /// search page itself only list other pages, so they would only add noise.
    public static func of(_ site: Source) -> SearchCorpus {
        var corpus = SearchCorpus()
        corpus.facets = facets(site: site)
        let titles = LinkResolver(index: site.index, baseURL: site.config.baseURL)
        for schema in site.config.collections {
            let docs = (site.collections[schema.name] ?? []).map { document(site.entries[$0], schema: schema, titles: titles) }
            corpus.addGroup(name: schema.name, label: site.index[schema.name]?.title ?? schema.title, documents: docs)
        }
        var others: [SearchDocument] = []
        for id in site.index.order {
            guard let page = site.index[id] else { continue }
            switch page.kind {
            case .home, .page, .collectionIndex:
                if let i = page.entryIndex {
                    var doc = document(site.entries[i], schema: nil, titles: titles)
                    doc.path = page.sitePath
                    doc.title = page.title
                    if doc.summary.isEmpty { doc.summary = page.summary ?? "" }
                    others.append(doc)
                } else {
                    others.append(SearchDocument(path: page.sitePath, title: page.title, summary: page.summary ?? ""))
                }
            case .assessment:
                others.append(SearchDocument(path: page.sitePath, title: page.title, summary: page.summary ?? ""))
            default:
                continue
            }
        }
        corpus.addGroup(name: otherPagesGroup, label: "Other pages", documents: others)
        return corpus
    }

    static func document(_ entry: Entry, schema: CollectionSchema?, titles: LinkResolver) -> SearchDocument {
        var meta = entry.tags
        let body = entry.markdown.plainText
        var fieldText: [String] = []
        var wikilinkTitles: [String: String] = [:]
        for target in WikilinkText.targets(in: body) where wikilinkTitles[target] == nil {
            if let title = titles.title(ofWikilinkTarget: target) { wikilinkTitles[target] = title }
        }
        var facets: [String: [String]] = [:]
        if !entry.tags.isEmpty { facets["tag"] = entry.tags.map(Slug.make) }
        let fields = schema?.fields ?? []
        for f in fields.indices {  // by position: `for field in` would copy each field's schema
            guard let value = entry.fields[fields[f].name] else { continue }
            switch (fields[f].type, value) {
            case (.enum, .string(let v)):
                meta.append(FieldSchema.humanise(v))
                facets[schema!.name + "." + fields[f].name] = [v]
            case (.list, .list(let items)) where fields[f].itemType == .enum:
                let values = items.map(\.displayText)
                meta += values.map(FieldSchema.humanise)
                facets[schema!.name + "." + fields[f].name] = values
            case (.text, _):
                fieldText.append(value.displayText)
            case (.string, _), (.list, _), (.number, _), (.integer, _):
                meta.append(value.displayText)
            default:
                continue  // refs, scores, dates and booleans read badly as words
            }
        }
        var doc = SearchDocument(path: entry.sitePath, title: entry.title, summary: entry.summary ?? "",
                                 headings: entry.markdown.headings.map(\.text), meta: meta, body: body)
        doc.facets = facets
        doc.fieldText = fieldText
        doc.wikilinkTitles = wikilinkTitles
        return doc
    }

    /// Tags, then every enum field (and list of enum values) of every collection, from the
    /// schema in hub.yml: the values and their order are the schema's, not what entries use.
    static func facets(site: Source) -> [SearchFacet] {
        var facets: [SearchFacet] = []
        if !site.tags.isEmpty {
            facets.append(SearchFacet(name: "tag", label: "Tag", collection: nil,
                                      values: site.tags.sorted { ($0.name.lowercased(), $0.slug) < ($1.name.lowercased(), $1.slug) }
                                          .map { ($0.slug, $0.name) }))
        }
        for schema in site.config.collections {
            for field in schema.fields where field.type == .enum || (field.type == .list && field.itemType == .enum) {
                facets.append(SearchFacet(name: schema.name + "." + field.name, label: field.label, collection: schema.name,
                                          values: field.values.map { ($0, FieldSchema.humanise($0)) }))
            }
        }
        return facets
    }
}
