/// Machine-readable views of the hub: `graph.json` for graph tools, and `llms.txt` — the
/// hub's table of contents in Markdown, for AI agents and anyone who wants it plain.
enum Exports {
    static func files(site: Site) -> [OutputFile] {
        // Made when written, after the pages: on a large hub graph.json is tens of megabytes,
        // which need not be held while the pages render.
        [OutputFile(path: "graph.json", contents: .made { graphJSON(site: site) })!,
         OutputFile(path: "llms.txt", contents: .made { Array(llmsText(site: site).utf8) })!]
    }

    static func graphJSON(site: Site) -> [UInt8] {
        let base = site.config.baseURL
        let titles = LinkResolver(index: site.index, baseURL: base)
        // Room for all of it, about: grown by doubling, tens of megabytes would be copied
        // into fresh memory again and again (room not written to costs no memory).
        var out = JSONBytes(capacity: site.index.order.count * 512 + site.graph.edges.count * 128, htmlSafe: true)
        // Node id → its number: edges are checked and told apart by numbers, not by hashing
        // both ids of every edge twice.
        var number: [String: Int32] = [:]
        out.raw("{\n\"title\":"); out.string(site.config.title); out.raw(",\n\"nodes\":[\n")
        var first = true
        func node(id: String, title: String, collection: String?, url: String, tags: [String], summary: String) {
            if !first { out.raw(",\n") }
            first = false
            out.raw("{\"id\":"); out.string(id)
            out.raw(",\"title\":"); out.string(title)
            out.raw(",\"collection\":"); if let collection { out.string(collection) } else { out.raw("null") }
            out.raw(",\"url\":"); out.string(url)
            out.raw(",\"tags\":[")
            for (i, tag) in tags.enumerated() { if i > 0 { out.raw(",") }; out.string(tag) }
            out.raw("],\"summary\":"); out.string(summary); out.raw("}")
        }
        for id in site.index.order {
            guard let page = site.index[id], [.entry, .page, .home].contains(page.kind) else { continue }
            number[id] = Int32(number.count)
            // Fields read in place: `site.entries[i]` bound to a name would copy the whole entry.
            node(id: id, title: page.title, collection: page.collection, url: base.absolute(page.sitePath),
                 tags: page.entryIndex.map { site.entries[$0].tags.map(Slug.make) } ?? [],
                 summary: page.summary ?? page.entryIndex.map {
                     Summary.fallback(site.entries[$0].markdown.plainText, title: titles.title(ofWikilinkTarget:))
                 } ?? "")
        }
        for tag in site.tags {
            number["tags/" + tag.slug] = Int32(number.count)
            node(id: "tags/" + tag.slug, title: tag.name, collection: "tags", url: base.absolute("tags/\(tag.slug)/"), tags: [], summary: "")
        }
        out.raw("\n],\n\"edges\":[\n")
        struct EdgeKey: Hashable { var source, target, kind: Int32 }
        var seen = Set<EdgeKey>(minimumCapacity: site.graph.edges.count)
        var refFields: [String: Int32] = [:]  // kind numbers: 0 link, 1 tag, 2… a ref field each
        // Edges come grouped by source: its number is looked up once a group.
        var source = "", sourceNumber: Int32?
        first = true
        for edge in site.graph.edges {
            if edge.source != source { (source, sourceNumber) = (edge.source, number[edge.source]) }
            guard let sourceNumber, let targetNumber = number[edge.target] else { continue }
            let kind: Int32
            switch edge.kind {
            case .link: kind = 0
            case .tag: kind = 1
            case .ref(let field):
                if let k = refFields[field] { kind = k } else { kind = Int32(refFields.count + 2); refFields[field] = kind }
            }
            guard seen.insert(EdgeKey(source: sourceNumber, target: targetNumber, kind: kind)).inserted else { continue }
            if !first { out.raw(",\n") }
            first = false
            out.raw("{\"source\":"); out.string(edge.source)
            out.raw(",\"target\":"); out.string(edge.target)
            out.raw(",\"kind\":")
            switch edge.kind {
            case .link: out.raw("\"link\"")
            case .ref(let field): out.string("ref:" + field)
            case .tag: out.raw("\"tag\"")
            }
            out.raw("}")
        }
        out.raw("\n]\n}\n")
        return out.bytes
    }

    static func llmsText(site: Site) -> String {
        let base = site.config.baseURL
        let titles = LinkResolver(index: site.index, baseURL: base)
        var out = "# \(site.config.title)\n\n"
        if !site.config.description.isEmpty { out += "> \(site.config.description)\n\n" }
        for schema in site.config.collections {
            guard let members = site.collections[schema.name], !members.isEmpty else { continue }
            out += "## \(site.index[schema.name]?.title ?? schema.title)\n\n"
            for i in members {
                // Fields read in place: binding the entry would copy all of it.
                let summary = site.entries[i].summary ?? Summary.fallback(site.entries[i].markdown.plainText, title: titles.title(ofWikilinkTarget:))
                out += "- [\(site.entries[i].title)](\(base.absolute(site.entries[i].sitePath)))" + (summary.isEmpty ? "" : ": \(summary)") + "\n"
            }
            out += "\n"
        }
        let pages = site.entries.filter { $0.kind == .page }
        if !pages.isEmpty {
            out += "## Pages\n\n"
            for entry in pages {
                out += "- [\(entry.title)](\(base.absolute(entry.sitePath)))" + (entry.summary.map { ": \($0)" } ?? "") + "\n"
            }
            out += "\n"
        }
        return out
    }
}

/// Minimal JSON writing with stable output (we never depend on a serializer's key order).
enum JSON {
    /// A JSON string literal, safe inside a page (`JSONBytes` with HTML safety).
    static func string(_ s: String) -> String {
        var json = JSONBytes(capacity: s.utf8.count + 2, htmlSafe: true)
        json.string(s)
        return json.text
    }

    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
