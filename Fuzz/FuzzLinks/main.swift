// Links: every line of the input is a link target, resolved as a Markdown link, a wikilink and
// an image from an entry of a small fixed hub, and as a ref, alias, output path and slug. What
// resolves must stay on the site; what is accepted as a path must not climb.
@testable import SwitchboardKit
import FuzzSupport

let index: SiteIndex = {
    var index = SiteIndex()
    index.add(Page(id: "index", title: "Home", kind: .home, sitePath: ""), source: "content/index.md")
    index.add(Page(id: "kpis", title: "KPIs", kind: .collectionIndex, sitePath: "kpis/", collection: "kpis"))
    index.add(Page(id: "kpis/aht", title: "AHT", kind: .entry, sitePath: "kpis/aht/", collection: "kpis",
                   anchors: ["formula", "pitfalls"], entryIndex: 0), source: "content/kpis/aht.md")
    index.add(Page(id: "kpis/deep/fcr", title: "FCR", kind: .entry, sitePath: "kpis/deep/fcr/", collection: "kpis", entryIndex: 1),
              source: "content/kpis/deep/fcr.md")
    index.add(Page(id: "glossary/aht", title: "AHT term", kind: .entry, sitePath: "glossary/aht/", collection: "glossary", entryIndex: 2),
              source: "content/glossary/aht.md")
    index.add(Page(id: "tags/ai", title: "AI", kind: .tag, sitePath: "tags/ai/"))
    index.add(Page(id: "compare", title: "Compare", kind: .assessment, sitePath: "compare/"))
    index.add(Page(id: "404", title: "Not found", kind: .notFound, sitePath: "404.html"))
    index.add(Page(id: "alias:old/", title: "AHT", kind: .alias, sitePath: "old/"))
    index.addDraft(id: "kpis/draft", source: "content/kpis/draft.md")
    index.staticFiles = ["img/chart.png", "assets/style.0123456789.css"]
    index.staticBySource = ["img/chart.png": "img/chart.png"]
    return index
}()
let resolver = LinkResolver(index: index, baseURL: BaseURL("https://example.org/hub/")!)
let page = index["kpis/aht"]!
let source = "content/kpis/aht.md"

FuzzDriver.main { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8) {
        let target = String(line)
        for form in [LinkForm.markdown, .wikilink, .image] {
            let link = MarkdownLink(target: target, form: form, hasLabel: form != .wikilink, label: "label", line: 3, column: 5,
                                    contextBefore: "", contextAfter: "")
            switch resolver.resolve(link, from: page, source: source) {
            case .internal(let id, let url):
                require(url.hasPrefix("/hub/") || url.hasPrefix("#"), "an internal link stays on the site: \(target) → \(url)")
                require(!url.split(separator: "/").contains(".."), "an internal URL does not climb: \(url)")
                if let id { require(index[id] != nil, "an internal link names a page: \(id)") }
            case .external:
                require(form != .wikilink && LinkResolver.isExternal(target), "only URLs with a scheme are external: \(target)")
            case .failure(let d):
                require(d.location == SourceLocation(file: source, line: 3, column: 5), "the diagnostic is at the link: \(d)")
            }
        }
        if case .success(let p) = resolver.resolveID(target, at: nil, form: "ref", collection: "kpis") {
            require(p.collection == "kpis" && p.kind == .entry, "a ref resolves to an entry of its collection: \(target)")
        }
        _ = resolver.title(ofWikilinkTarget: target)
        if let path = AliasBuilder.sitePath(target) {
            let file = path.hasSuffix("/") ? path + "index.html" : path
            require(OutputFile.isSafe(file), "an alias is a safe output path: \(target)")
        }
        if OutputFile.isSafe(target) {
            let parts = target.split(separator: "/", omittingEmptySubsequences: false)
            require(!target.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") },
                    "a safe output path has only plain segments: \(target)")
        }
        if let normalised = LinkResolver.normalise(target, relativeTo: "kpis/deep") {
            require(!normalised.split(separator: "/").contains { $0 == ".." || $0 == "." }, "normalised paths do not climb: \(normalised)")
        }
        _ = LinkResolver.percentDecoded(target)
        _ = Wikilinks.pieces(of: target)
        let slug = Slug.make(target)
        require(slug.isEmpty || Slug.isValid(slug), "a slug is valid: \(target) → \(slug)")
        if UnsafeURL.isDangerous(target, image: true) { require(UnsafeURL.isDangerous(target, image: false), "images are allowed no more") }
    }
}
