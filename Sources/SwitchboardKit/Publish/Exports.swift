/// Machine-readable views of the hub: `graph.json` for graph tools, and `llms.txt` — the
/// hub's table of contents in Markdown, for AI agents and anyone who wants it plain.
enum Exports {
    static func files(site: Site) -> [OutputFile] {
        [OutputFile(path: "graph.json", text: graphJSON(site: site))!, OutputFile(path: "llms.txt", text: llmsText(site: site))!]
    }

    static func graphJSON(site: Site) -> String {
        let base = site.config.baseURL
        var nodes: [String] = []
        var ids = Set<String>()
        for id in site.index.order {
            guard let page = site.index[id], [.entry, .page, .home].contains(page.kind) else { continue }
            let entry = page.entryIndex.map { site.entries[$0] }
            ids.insert(id)
            nodes.append("{\"id\":\(JSON.string(id)),\"title\":\(JSON.string(page.title)),"
                + "\"collection\":\(page.collection.map(JSON.string) ?? "null"),\"url\":\(JSON.string(base.absolute(page.sitePath))),"
                + "\"tags\":[\((entry?.tags ?? []).map { JSON.string(Slug.make($0)) }.joined(separator: ","))],"
                + "\"summary\":\(JSON.string(page.summary ?? entry.map { Summary.fallback($0.markdown.plainText) } ?? ""))}")
        }
        for tag in site.tags {
            ids.insert("tags/" + tag.slug)
            nodes.append("{\"id\":\(JSON.string("tags/" + tag.slug)),\"title\":\(JSON.string(tag.name)),\"collection\":\"tags\","
                + "\"url\":\(JSON.string(base.absolute("tags/\(tag.slug)/"))),\"tags\":[],\"summary\":\"\"}")
        }
        var seen = Set<String>()
        var edges: [String] = []
        for edge in site.graph.edges {
            let source = edge.source == "index" ? "index" : edge.source
            guard ids.contains(source), ids.contains(edge.target) else { continue }
            let kind: String
            switch edge.kind {
            case .link: kind = "link"
            case .ref(let field): kind = "ref:" + field
            case .tag: kind = "tag"
            }
            let line = "{\"source\":\(JSON.string(source)),\"target\":\(JSON.string(edge.target)),\"kind\":\(JSON.string(kind))}"
            if seen.insert(line).inserted { edges.append(line) }
        }
        return "{\n\"title\":\(JSON.string(site.config.title)),\n\"nodes\":[\n" + nodes.joined(separator: ",\n")
            + "\n],\n\"edges\":[\n" + edges.joined(separator: ",\n") + "\n]\n}\n"
    }

    static func llmsText(site: Site) -> String {
        let base = site.config.baseURL
        var out = "# \(site.config.title)\n\n"
        if !site.config.description.isEmpty { out += "> \(site.config.description)\n\n" }
        for schema in site.config.collections {
            guard let members = site.collections[schema.name], !members.isEmpty else { continue }
            out += "## \(site.index[schema.name]?.title ?? schema.title)\n\n"
            for i in members {
                let entry = site.entries[i]
                let summary = entry.summary ?? Summary.fallback(entry.markdown.plainText)
                out += "- [\(entry.title)](\(base.absolute(entry.sitePath)))" + (summary.isEmpty ? "" : ": \(summary)") + "\n"
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
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
