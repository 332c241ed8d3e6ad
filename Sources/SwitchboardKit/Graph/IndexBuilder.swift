/// The index stage: from loaded entries to the global `SiteIndex` of every page (entries,
/// home, collection indexes, tags, generated pages), with collections sorted and tags
/// gathered. Duplicate ids and output paths are reported here, before anything is rendered.
enum IndexBuilder {
    struct Result {
        var entries: [Entry]
        var index: SiteIndex
        var collections: [String: [Int]]
        var sectionIntros: [String: Int]
        var tags: [Site.Tag]
    }

    /// - Parameter loaded: taken (left empty): its entries are moved into the result in id
    ///   order, not copied (a copy bumps a reference count per field of every entry).
    static func build(loaded: inout [Entry], config: HubConfig, drafts: Bool, generated: [Page],
                      diagnostics: inout [Diagnostic]) -> Result {
        var index = SiteIndex()
        index.reserveCapacity(loaded.count + generated.count + 64)
        var firstSource: [String: String] = [:]
        var entries: [Entry] = []
        swap(&entries, &loaded)
        // Positions are sorted by keys taken out first: an entry is a large value, and reading
        // a field of one inside a comparison can copy all of it.
        let keys = entries.map { (id: $0.id, source: $0.source) }
        let order = keys.indices.sorted { a, b in
            keys[a].id != keys[b].id ? keys[a].id < keys[b].id : keys[a].source < keys[b].source
        }
        var keep = [Bool](repeating: true, count: order.count)
        for (position, k) in order.enumerated() {
            let (id, source) = keys[k]
            if let other = firstSource[id] {
                diagnostics.append(.error(.duplicateID, "'\(source)' and '\(other)' both become the page '\(id)'",
                                          at: SourceLocation(file: source, line: 1, column: 1),
                                          hint: "file names that differ only in case, spaces or punctuation make the same URL; rename one"))
                keep[position] = false
                continue
            }
            firstSource[id] = source
            if entries[k].draft && !drafts {
                index.addDraft(id: id, source: source)
                keep[position] = false
            }
        }
        // Into id order in place, cycle by cycle (a swap moves two entries, copying neither),
        // then the ones not kept moved to the end and dropped.
        var placed = [Bool](repeating: false, count: order.count)
        for start in order.indices where !placed[start] {
            var j = start
            while true {
                placed[j] = true
                let k = order[j]
                if k == start { break }
                entries.swapAt(j, k)
                j = k
            }
        }
        var kept = 0
        for position in entries.indices where keep[position] {
            if position != kept { entries.swapAt(kept, position) }
            kept += 1
        }
        entries.removeLast(entries.count - kept)

        var sectionIntros: [String: Int] = [:]
        var home: Int?
        for i in entries.indices {
            // Fields read in place: `for entry in entries` would copy every entry whole.
            let anchors = Set(entries[i].markdown.headings.map(\.id))
            let id = entries[i].id, title = entries[i].title, source = entries[i].source, summary = entries[i].summary
            let sitePath = entries[i].sitePath
            switch entries[i].kind {
            case .home:
                home = i
                index.add(Page(id: "index", title: title, kind: .home, sitePath: "", summary: summary,
                               anchors: anchors, entryIndex: i), source: source)
            case .sectionIntro:
                sectionIntros[id] = i
            case .entry, .page:
                let kind: PageKind = entries[i].kind == .entry ? .entry : .page
                let collection = kind == .entry ? entries[i].collection : nil
                if let clash = index.add(Page(id: id, title: title, kind: kind, sitePath: sitePath, collection: collection,
                                              summary: summary, anchors: anchors, entryIndex: i), source: source) {
                    diagnostics.append(.error(.pathCollision, "'\(id)' would be written where '\(clash)' is",
                                              at: SourceLocation(file: source, line: 1, column: 1), hint: "rename the file"))
                }
            }
        }
        if home == nil {
            index.add(Page(id: "index", title: config.title, kind: .home, sitePath: "", summary: config.description))
        }

        // Collections, sorted as declared, and tags by title: titles case-folded once, not at
        // every comparison, and compared by position, without copying entries.
        let titleKeys = entries.map { $0.title.lowercased() }
        let ids = entries.map(\.id)
        func titleOrder(_ a: Int, _ b: Int) -> Bool {
            titleKeys[a] != titleKeys[b] ? titleKeys[a] < titleKeys[b] : ids[a] < ids[b]
        }
        var collections: [String: [Int]] = [:]
        for schema in config.collections {
            var members = entries.indices.filter { entries[$0].kind == .entry && entries[$0].collection == schema.name }
                .map { (entry: $0, key: orderKey(weight: entries[$0].weight, updated: entries[$0].updated, fields: entries[$0].fields, by: schema)) }
            members.sort { a, b in precedes(a.key, b.key, descending: schema.descending) ?? titleOrder(a.entry, b.entry) }
            collections[schema.name] = members.map(\.entry)
            let intro = sectionIntros[schema.name].map { entries[$0] }
            index.add(Page(id: schema.name, title: intro?.title ?? schema.title, kind: .collectionIndex,
                           sitePath: schema.name + "/", collection: schema.name,
                           summary: intro?.summary ?? (schema.description.isEmpty ? nil : schema.description),
                           anchors: Set(intro?.markdown.headings.map(\.id) ?? []), entryIndex: sectionIntros[schema.name]),
                      source: intro?.source)
        }

        // Tags: the first spelling (in id order) names the tag.
        var tagNames: [String: String] = [:]
        var tagMembers: [String: [Int]] = [:]
        for i in entries.indices where entries[i].kind == .entry || entries[i].kind == .page {
            for name in entries[i].tags {
                let slug = Slug.make(name)
                guard !slug.isEmpty else {
                    diagnostics.append(.error(.badSlug, "the tag '\(name)' has no letters or digits", at: SourceLocation(file: entries[i].source, line: 1, column: 1)))
                    continue
                }
                if tagNames[slug] == nil { tagNames[slug] = name }
                if tagMembers[slug]?.last != i { tagMembers[slug, default: []].append(i) }
            }
        }
        var tags: [Site.Tag] = []
        for slug in tagNames.keys.sorted() {
            let members = tagMembers[slug]!.sorted(by: titleOrder)
            tags.append(Site.Tag(slug: slug, name: tagNames[slug]!, entries: members))
            index.add(Page(id: "tags/\(slug)", title: tagNames[slug]!, kind: .tag, sitePath: "tags/\(slug)/"))
        }
        index.add(Page(id: "tags", title: "Tags", kind: .tagIndex, sitePath: "tags/"))
        index.add(Page(id: "404", title: "Page not found", kind: .notFound, sitePath: "404.html"))
        index.add(Page(id: "map", title: "Hub map", kind: .map, sitePath: "map/",
                       summary: "Every page of the hub and the links between them, by collection."))
        index.add(Page(id: "search", title: "Search", kind: .search, sitePath: "search/",
                       summary: "Search every page of the hub."))
        for page in generated {
            if let clash = index.add(page) {
                // Named at the entry that holds the address, else at hub.yml, which sets the path.
                let place = index[clash]?.entryIndex.map { SourceLocation(file: entries[$0].source, line: 1, column: 1) }
                    ?? SourceLocation(file: HubConfigLoader.path)
                diagnostics.append(.error(.pathCollision, "the generated page '\(page.id)' clashes with '\(clash)'",
                                          at: place, hint: "rename the entry or change the assessment's path in hub.yml"))
            }
        }
        return Result(entries: entries, index: index, collections: collections, sectionIntros: sectionIntros, tags: tags)
    }

    /// By title, ignoring case, then by id.
    static func titleOrder(_ a: Entry, _ b: Entry) -> Bool {
        let (ta, tb) = (a.title.lowercased(), b.title.lowercased())
        return ta != tb ? ta < tb : a.id < b.id
    }

    /// What a collection's `sort` compares, worked out once per entry rather than at every
    /// comparison (a field's sort key lowercases its text).
    enum OrderKey {
        case none
        case weight(Int)
        case date(CalendarDate)
        case field(FieldValue.SortKey)
    }

    static func orderKey(_ entry: Entry, by schema: CollectionSchema) -> OrderKey {
        orderKey(weight: entry.weight, updated: entry.updated, fields: entry.fields, by: schema)
    }

    /// From the fields that decide it, which a caller can read in place from an array of
    /// entries (an entry passed whole would be copied).
    static func orderKey(weight: Int?, updated: CalendarDate?, fields: [String: FieldValue], by schema: CollectionSchema) -> OrderKey {
        switch schema.sort {
        case .title: return .none
        case .weight: return weight.map(OrderKey.weight) ?? .none
        case .updated: return updated.map(OrderKey.date) ?? .none
        case .field(let name): return fields[name].map { .field($0.sortKey) } ?? .none
        }
    }

    /// Whether `a` comes before `b` by their keys (an entry with a key before one without,
    /// both turned round when descending); nil when the keys do not decide (equal, or neither
    /// has one), and then the title does.
    static func precedes(_ a: OrderKey, _ b: OrderKey, descending: Bool) -> Bool? {
        let ordered: Bool?
        switch (a, b) {
        case (.none, .none): ordered = nil
        case (_, .none): ordered = true
        case (.none, _): ordered = false
        case let (.weight(p), .weight(q)): ordered = p == q ? nil : p < q
        case let (.date(p), .date(q)): ordered = p == q ? nil : p < q
        case let (.field(p), .field(q)): ordered = p == q ? nil : p < q
        default: ordered = nil
        }
        return ordered.map { descending ? !$0 : $0 }
    }

    /// The order of a collection's entries, for a few entries (the index stage sorts whole
    /// collections by keys worked out once).
    static func precedes(_ a: Entry, _ b: Entry, by schema: CollectionSchema) -> Bool {
        precedes(orderKey(a, by: schema), orderKey(b, by: schema), descending: schema.descending) ?? titleOrder(a, b)
    }
}

extension FieldValue {
    /// A key that orders values of one field sensibly (numbers numerically, dates by day).
    var sortKey: SortKey {
        switch self {
        case .number(let d): return .number(d)
        case .integer(let i): return .number(Double(i))
        case .date(let d): return .text(d.description)
        case .bool(let b): return .number(b ? 1 : 0)
        default: return .text(displayText.lowercased())
        }
    }

    enum SortKey: Comparable {
        case number(Double)
        case text(String)
    }
}
