/// Pictures of the link graph, laid out at build time (same input, same picture): a local
/// graph of each entry and its neighbours, and a map of the whole hub. Node labels are real
/// links; each SVG has a title and description, and the page around it lists the same
/// connections as text.
enum GraphSVG {
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    struct Node {
        var id: String
        var title: String
        var url: String
        var group: Int
    }

    // MARK: local graph

    /// The entry in the middle, up to `limit` neighbours around it. `outgoing` holds the ids
    /// it links to; the rest link to it.
    static func local(center: Node, neighbours: [Node], outgoing: Set<String>, limit: Int = 16) -> String {
        let shown = Array(neighbours.prefix(limit))
        let width = 640.0, height = shown.count > 8 ? 420.0 : 340.0
        let cx = width / 2, cy = height / 2
        let rx = width / 2 - 120, ry = height / 2 - 50
        var body = ""
        var positions: [(Double, Double)] = []
        for i in shown.indices {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(shown.count, 1))
            positions.append((cx + rx * cos(angle), cy + ry * sin(angle)))
        }
        for (i, node) in shown.enumerated() {
            let (x, y) = positions[i]
            let dashed = outgoing.contains(node.id) ? "" : " stroke-dasharray=\"5 4\""
            body += "<line x1=\"\(f(cx))\" y1=\"\(f(cy))\" x2=\"\(f(x))\" y2=\"\(f(y))\" stroke=\"currentColor\" stroke-opacity=\"0.45\"\(dashed)/>"
        }
        for (i, node) in shown.enumerated() {
            let (x, y) = positions[i]
            let anchor = abs(x - cx) < 20 ? "middle" : (x < cx ? "end" : "start")
            let dx = anchor == "middle" ? 0 : (x < cx ? -10 : 10)
            let dy = anchor == "middle" ? (y < cy ? -12 : 20) : 4
            body += "<a href=\"\(e(node.url))\"><title>\(e(node.title))</title>"
                + "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"6\" fill=\"\(palette[node.group % palette.count])\"/>"
                + "<text x=\"\(f(x + Double(dx)))\" y=\"\(f(y + Double(dy)))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"currentColor\">\(e(short(node.title, 30)))</text></a>"
        }
        body += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"9\" fill=\"\(palette[center.group % palette.count])\" stroke=\"currentColor\" stroke-width=\"2\"/>"
        body += "<text x=\"\(f(cx))\" y=\"\(f(cy + 26))\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"currentColor\">\(e(short(center.title, 40)))</text>"
        let more = neighbours.count > shown.count ? " (\(neighbours.count - shown.count) more are listed below)" : ""
        let description = "\(center.title) and the \(shown.count) pages it is connected to\(more). Solid lines: it links to them; dashed lines: they link to it."
        return svg(id: "sb-local-graph", width: width, height: height, title: "Connections of \(center.title)",
                   description: description, body: body, className: "graph graph-local")
    }

    // MARK: hub map

    /// One column per group (collection), entries listed down each column, links drawn between them.
    static func map(groups: [(title: String, url: String, nodes: [Node])], edges: [(String, String)]) -> String {
        let columnWidth = 230.0, rowHeight = 22.0, top = 56.0
        let rows = groups.map(\.nodes.count).max() ?? 0
        let width = max(columnWidth * Double(groups.count), 320), height = top + rowHeight * Double(rows) + 20
        var position: [String: (Double, Double, Int)] = [:]
        var body = ""
        for (g, group) in groups.enumerated() {
            let x = columnWidth * Double(g) + 14
            body += "<a href=\"\(e(group.url))\"><text x=\"\(f(x))\" y=\"24\" font-size=\"14\" font-weight=\"700\" fill=\"currentColor\">\(e(short(group.title, 26)))</text></a>"
            body += "<line x1=\"\(f(x))\" y1=\"34\" x2=\"\(f(x + columnWidth - 30))\" y2=\"34\" stroke=\"\(palette[g % palette.count])\" stroke-width=\"3\"/>"
            for (r, node) in group.nodes.enumerated() {
                position[node.id] = (x, top + rowHeight * Double(r), g)
            }
        }
        // Edges first, under the labels: a faint curve from the source's dot to the target's.
        var drawn = Set<[String]>()
        var paths = ""
        for (a, b) in edges {
            guard let p = position[a], let q = position[b], a != b else { continue }
            let key = a < b ? [a, b] : [b, a]
            guard drawn.insert(key).inserted else { continue }
            let (x1, y1) = (p.0, p.1 - 4), (x2, y2) = (q.0, q.1 - 4)
            let bend = p.2 == q.2 ? -40.0 : 0
            let mx = (x1 + x2) / 2 + bend, my = (y1 + y2) / 2
            paths += "<path d=\"M\(f(x1)) \(f(y1)) Q\(f(mx)) \(f(my - abs(x2 - x1) * 0.15)) \(f(x2)) \(f(y2))\"/>"
        }
        body += "<g fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.12\">" + paths + "</g>"
        for (g, group) in groups.enumerated() {
            for node in group.nodes {
                guard let (x, y, _) = position[node.id] else { continue }
                body += "<a href=\"\(e(node.url))\"><title>\(e(node.title))</title>"
                    + "<circle cx=\"\(f(x))\" cy=\"\(f(y - 4))\" r=\"4\" fill=\"\(palette[g % palette.count])\"/>"
                    + "<text x=\"\(f(x + 9))\" y=\"\(f(y))\" font-size=\"12\" fill=\"currentColor\">\(e(short(node.title, 30)))</text></a>"
            }
        }
        let total = groups.reduce(0) { $0 + $1.nodes.count }
        return svg(id: "sb-hub-map", width: width, height: height, title: "Map of the hub",
                   description: "\(total) pages in \(groups.count) columns, one per collection, with faint lines for the \(drawn.count) connections between them. The lists below name every page.",
                   body: body, className: "graph graph-map")
    }

    // MARK: helpers

    static func svg(id: String, width: Double, height: Double, title: String, description: String, body: String, className: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"group\" class=\"\(className)\" aria-labelledby=\"\(id)-title \(id)-desc\">"
            + "<title id=\"\(id)-title\">\(e(title))</title><desc id=\"\(id)-desc\">\(e(description))</desc>" + body + "</svg>"
    }

    static func e(_ s: String) -> String { HTMLEscaping.escape(s) }

    static func short(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)).trimmingSpaces() + "…"
    }

    /// One decimal, locale-free.
    static func f(_ v: Double) -> String { Scoring.format(v) }
}

import Foundation
