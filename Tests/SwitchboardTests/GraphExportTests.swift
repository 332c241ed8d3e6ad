import Foundation
import Testing
@testable import SwitchboardKit

/// `graph.json` must say exactly what the Markdown says. These tests count the links in the
/// bundled hub's sources independently — with plain text scanning, not the Markdown stage —
/// and compare them with the exported edges.
@Suite("Graph export") struct GraphExportTests {
    struct Graph: Decodable {
        struct Node: Decodable { var id: String; var title: String; var collection: String?; var url: String; var tags: [String] }
        struct Edge: Decodable, Hashable { var source: String; var target: String; var kind: String }
        var nodes: [Node]
        var edges: [Edge]
    }

    static func buildBundledHub() async throws -> (Graph, URL) {
        let out = Hubs.temporaryDirectory("graph-export").appendingPathComponent("public")
        let report = await Hubs.build(Hubs.repositoryRoot, output: out)
        #expect(!report.diagnostics.hasErrors)
        let data = try Data(contentsOf: out.appendingPathComponent("graph.json"))
        return (try JSONDecoder().decode(Graph.self, from: data), out)
    }

    /// The entry ids a Markdown body links to, found by scanning its text: wikilinks
    /// `[[id…]]` and relative links `(…/x.md…)`, outside fenced code blocks and code spans.
    static func linkedIDs(source: String, file: String, ids: Set<String>) -> Set<String> {
        var result = Set<String>()
        var inFence = false
        let folder = (file as NSString).deletingLastPathComponent  // e.g. kpis
        for rawLine in source.components(separatedBy: "\n") {
            if rawLine.hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            // Drop code spans.
            var line = ""
            var inCode = false
            for ch in rawLine { if ch == "`" { inCode.toggle() } else if !inCode { line.append(ch) } }
            var rest = Substring(line)
            while let open = rest.range(of: "[[") {
                rest = rest[open.upperBound...]
                guard let close = rest.range(of: "]]") else { break }
                var target = String(rest[..<close.lowerBound])
                if let bar = target.firstIndex(of: "|") { target = String(target[..<bar]) }
                if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
                target = target.replacingOccurrences(of: "\\", with: "")
                if ids.contains(target) { result.insert(target) }
                else if let unique = ids.first(where: { $0.hasSuffix("/" + target) }) { result.insert(unique) }
                rest = rest[close.upperBound...]
            }
            var scan = Substring(line)
            while let open = scan.range(of: "](") {
                scan = scan[open.upperBound...]
                guard let close = scan.firstIndex(of: ")") else { break }
                var target = String(scan[..<close])
                if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
                if target.hasSuffix(".md") {
                    let joined = ((folder as NSString).appendingPathComponent(target) as NSString).standardizingPath
                    var id = String(joined.dropLast(3))
                    if id.hasSuffix("/_index") { id = String(id.dropLast("/_index".count)) }
                    result.insert(id)
                }
                scan = scan[close...]
            }
        }
        return result
    }

    @Test func linkEdgesMatchTheLinksInTheMarkdown() async throws {
        let (graph, _) = try await Self.buildBundledHub()
        let ids = Set(graph.nodes.map(\.id))
        let content = Hubs.repositoryRoot.appendingPathComponent("content")
        var checked = 0
        for node in graph.nodes where node.collection != nil && node.collection != "tags" {
            let file = node.id + ".md"
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            let body = text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
            let expected = Self.linkedIDs(source: body, file: file, ids: ids).subtracting([node.id])
                .filter { ids.contains($0) }
            let exported = Set(graph.edges.filter { $0.source == node.id && $0.kind == "link" }.map(\.target))
                .filter { ids.contains($0) }
            #expect(exported == expected, "links of \(node.id)")
            checked += 1
        }
        #expect(checked >= 100)
    }

    @Test func refAndTagEdgesMatchTheFrontMatter() async throws {
        let (graph, _) = try await Self.buildBundledHub()
        // kpis/co-resolution-speed replaces average handle time: one ref edge, and its tags.
        let edges = Set(graph.edges)
        #expect(edges.contains(.init(source: "kpis/co-resolution-speed", target: "kpis/average-handle-time", kind: "ref:replaces")))
        let tagged = graph.nodes.first { $0.id == "kpis/co-resolution-speed" }!
        for tag in tagged.tags {
            #expect(edges.contains(.init(source: "kpis/co-resolution-speed", target: "tags/" + tag, kind: "tag")))
        }
        // Every ref edge's field exists in the schema of its source's collection.
        for edge in graph.edges where edge.kind.hasPrefix("ref:") {
            #expect(["replaces", "kpis", "see_also", "questions", "roadmaps"].contains(String(edge.kind.dropFirst(4))))
        }
    }

    @Test func everyEntryIsLinkedAndLinksOnward() async throws {
        let (graph, _) = try await Self.buildBundledHub()
        let entries = graph.nodes.filter { $0.collection != nil && $0.collection != "tags" }.map(\.id)
        let entrySet = Set(entries)
        for id in entries {
            let incoming = graph.edges.filter { $0.target == id && $0.source != id && $0.kind != "tag" }
            let outgoing = Set(graph.edges.filter { $0.source == id && $0.kind != "tag" && entrySet.contains($0.target) && $0.target != id }.map(\.target))
            #expect(!incoming.isEmpty, "\(id) has no backlink")
            #expect(outgoing.count >= 2, "\(id) links to fewer than two entries")
        }
    }

    @Test func llmsTextListsEveryEntry() async throws {
        let (graph, out) = try await Self.buildBundledHub()
        let text = try String(contentsOf: out.appendingPathComponent("llms.txt"), encoding: .utf8)
        #expect(text.hasPrefix("# Beyond the Call Centre\n"))
        for node in graph.nodes where node.collection != nil && node.collection != "tags" {
            #expect(text.contains("[\(node.title)](\(node.url))"), "\(node.id) missing from llms.txt")
        }
    }
}
