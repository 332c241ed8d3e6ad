/// The render stage: one HTML file per page, from its template and view model. Pages are
/// independent, so the build renders them in parallel.
struct SiteRenderer: Sendable {
    let site: Site
    let templates: TemplateSet
    let contexts: PageContexts
    /// The hub root, where entries' bodies are read from (`EntryBody`).
    let root: String

    init(site: Site, templates: TemplateSet, root: String) {
        self.init(site: site, contexts: PageContexts(site: site, uses: templates.uses), templates: templates, root: root)
    }

    /// A renderer of `site` with view models built for a site whose every entry has the same
    /// `interface` (`BodyEditRebuild`): what they hold of the entries is still true.
    init(site: Site, contexts: PageContexts, templates: TemplateSet, root: String) {
        self.site = site
        self.templates = templates
        self.contexts = contexts
        self.root = root
    }

    /// The template a page is rendered with.
    func template(for page: Page) -> String {
        // The layout alone: binding the entry would copy all of it.
        let layout = page.entryIndex.flatMap { site.entries[$0].layout?.value }
        switch page.kind {
        case .home: return layout ?? "home"
        case .entry:
            return layout ?? page.collection.flatMap { site.config.collectionIndex(named: $0) }.flatMap { site.config.collections[$0].layout } ?? "entry"
        case .page: return layout ?? site.config.pageLayout
        case .collectionIndex: return page.collection.flatMap { site.config.collectionIndex(named: $0) }.flatMap { site.config.collections[$0].listLayout } ?? "list"
        case .tag: return "tag"
        case .tagIndex: return "tags"
        case .notFound: return "404"
        case .map: return "map"
        case .search: return "search"
        case .assessment: return site.assessmentPages[page.id]?.template ?? "compare"
        case .alias: return ""
        }
    }

    /// A rendered page, with the key of everything that went into it.
    struct Rendered: Sendable {
        var file: OutputFile
        var key: UInt64
        /// True when the previous output was reused instead of rendering.
        var reused: Bool
    }

    /// Renders a page, unless `reuse` has an output for the page's key: a page is a pure
    /// function of its template set, its view model and (for entries) its Markdown body with
    /// the links resolved, so equal keys mean equal bytes. Throws when an entry's file changed
    /// since it was loaded.
    func render(_ page: Page, reuse: (String, UInt64) -> OutputFile? = { _, _ in nil }) throws(Diagnostic) -> Rendered? {
        // A theme without a search template simply has no search page.
        if page.kind == .search && !templates.names.contains("search") { return nil }
        if page.kind == .alias {
            let html = AliasPage.html(for: page, site: site)
            var h = ContentHash()
            h.update(html.utf8)
            return OutputFile(path: page.outputFile, text: html).map { Rendered(file: $0, key: h.value, reused: false) }
        }
        let template = template(for: page)
        var values = contexts.pageValues(for: page, extra: extras(for: page))
        let body = bodyEntry(of: page)
        var h = ContentHash()
        h.update(templates.fingerprint)
        h.update(contexts.staticHash)
        h.update(template)
        h.update(page.id)
        ContextHash.hash(.object(values), into: &h)
        if let i = body { h.update(bodyKey(i)) }
        let key = h.value
        if let file = reuse(page.outputFile, key) { return Rendered(file: file, key: key, reused: true) }
        if let i = body {
            // An empty body is no content, as an empty string is nothing everywhere else.
            let html = try bodyHTML(i)
            values["content"] = html.isEmpty ? nil : .string(html)
        }
        guard let html = templates.renderBytes(contexts.context(for: page, values: values), template: template),
              let file = OutputFile(path: page.outputFile, contents: .bytes(html)) else { return nil }
        return Rendered(file: file, key: key, reused: false)
    }

    /// The entry whose Markdown body is the page's `content`.
    func bodyEntry(of page: Page) -> Int? {
        switch page.kind {
        case .entry, .page, .home, .collectionIndex: return page.entryIndex
        default: return nil
        }
    }

    /// What an entry's body HTML depends on: its Markdown and how its links resolved.
    func bodyKey(_ i: Int) -> UInt64 {
        var h = ContentHash()
        h.update(site.entries[i].sourceHash)  // the whole file's: its body and more
        h.update(UInt64(site.entries[i].bodyLineOffset))
        if i < site.graph.resolvedLinks.count {
            for link in site.graph.resolvedLinks[i] {
                h.update(link?.url ?? "\u{1}")
                h.update(link?.label ?? "\u{1}")
            }
        }
        return h.value
    }

    func extras(for page: Page) -> TemplateObject {
        switch page.kind {
        case .entry, .page, .home:
            guard let i = page.entryIndex else {
                return ["breadcrumbs": .list([]), "collections": contexts.siteValues["collections"] ?? .list([])]
            }
            var extra = contexts.entryExtras(i, page: page)
            if page.kind == .home { extra["breadcrumbs"] = .list([]) }
            return extra
        case .collectionIndex:
            let name = page.collection ?? page.id
            var extra: TemplateObject = ["breadcrumbs": contexts.breadcrumbs(for: page),
                                                  "entries": contexts.listItems(site.collections[name] ?? []),
                                                  "count": .integer(site.collections[name]?.count ?? 0)]
            if let i = page.entryIndex {
                extra["toc"] = contexts.toc(site.entries[i].markdown.headings)
            }
            return extra
        case .tag:
            let slug = String(page.id.dropFirst("tags/".count))
            let tag = contexts.tagsBySlug[slug].map { site.tags[$0] }
            return ["breadcrumbs": contexts.breadcrumbs(for: page), "entries": contexts.listItems(tag?.entries ?? []),
                    "count": .integer(tag?.entries.count ?? 0)]
        case .tagIndex:
            return ["breadcrumbs": contexts.breadcrumbs(for: page),
                    "tags": .list(site.tags.map { tag in
                        .object(compacting: ["name": .text(tag.name), "url": .text(contexts.url("tags/" + tag.slug)),
                                 "count": .integer(tag.entries.count)])
                    })]
        case .notFound, .alias:
            return ["breadcrumbs": .list([])]
        case .search:
            return ["breadcrumbs": contexts.breadcrumbs(for: page)]
        case .map:
            var extra = contexts.mapExtras()
            extra["breadcrumbs"] = contexts.breadcrumbs(for: page)
            return extra
        case .assessment:
            // Generated pages build their view models as Swift values: converted here, once.
            var extra: TemplateObject = [:]
            if let context = site.assessmentPages[page.id]?.context, case .object(let values)? = TemplateValue.from(context) {
                extra = values
            }
            extra["breadcrumbs"] = contexts.breadcrumbs(for: page)
            return extra
        }
    }

    /// An entry's Markdown rendered with the links the graph resolved.
    func bodyHTML(_ i: Int) throws(Diagnostic) -> String {
        let resolutions = i < site.graph.resolvedLinks.count ? site.graph.resolvedLinks[i] : []
        // The template is read in place; the entry is bound (copied whole) only when its file must be read again.
        if let template = site.entries[i].markdown.template {
            return template.filled(links: site.entries[i].markdown.links, resolved: resolutions, unsafeHTML: site.config.markdown.unsafeHTML)
        }
        let entry = site.entries[i]
        let body = try EntryBody.read(entry, root: root).get()
        var n = 0
        return MarkdownRenderer.render(body, options: site.config.markdown, lineOffset: entry.bodyLineOffset,
                                       file: entry.source) { _ in
            defer { n += 1 }
            return n < resolutions.count ? resolutions[n] : nil
        }
    }
}

extension PageContexts: @unchecked Sendable {}
// PageContexts holds only tables and template values of strings, numbers and lists built once before
// rendering and never mutated afterwards; sharing them across render tasks is safe.
