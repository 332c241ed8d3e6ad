/// `aliases:` — old URLs of an entry. Each becomes a small redirect page; an alias that is
/// another page's URL, or another alias, is an error rather than a silent overwrite — as is
/// one whose file the build already writes under another address (`/kpis/aht/index.html` is
/// the page `kpis/aht/`), that needs one of the build's files to be a folder, or that would
/// take the name of a folder the build writes into.
enum AliasBuilder {
    /// Registers alias pages in the index; returns alias page id → target page id.
    /// - Parameter reserved: files the build writes besides pages (assets, sitemap.xml, …).
    static func build(entries: [Entry], index: inout SiteIndex, reserved: Set<String> = [],
                      diagnostics: inout [Diagnostic]) -> [String: String] {
        var targets: [String: String] = [:]
        // Only worked out when some entry has aliases: most hubs have none, some 100,000 pages.
        guard entries.contains(where: { !$0.aliases.isEmpty }) else { return targets }
        var plan = OutputPlan(files: reserved.union(index.order.compactMap { index[$0]?.outputFile }))
        for entry in entries {
            let targetID = entry.kind == .home ? "index" : entry.kind == .sectionIntro ? (entry.collection ?? entry.id) : entry.id
            for alias in entry.aliases {
                guard let sitePath = sitePath(alias.value) else {
                    diagnostics.append(.error(.badAlias, "alias '\(alias.value)' is not a site path", at: alias.location,
                                              hint: "write it like /old/address/ (letters, digits, - and _, no .. or hidden folders)"))
                    continue
                }
                let id = "alias:" + sitePath
                if let existing = index.idByPath[sitePath] {
                    let other = targets[existing].map { "an alias of '\($0)'" } ?? "the page '\(existing)'"
                    diagnostics.append(.error(.aliasCollision, "alias '\(alias.value)' is already \(other)", at: alias.location,
                                              hint: "remove the alias or change it"))
                    continue
                }
                let page = Page(id: id, title: entry.title, kind: .alias, sitePath: sitePath)
                if let clash = plan.clash(page.outputFile) {
                    diagnostics.append(.error(.aliasCollision, "alias '\(alias.value)' \(clash)", at: alias.location,
                                              hint: "remove the alias or change it"))
                    continue
                }
                plan.add(page.outputFile)
                index.add(page)
                targets[id] = targetID
            }
        }
        return targets
    }

    /// `/old/path`, `old/path/`, `/old.html` → `old/path/`, `old.html`; nil if unsafe.
    static func sitePath(_ alias: String) -> String? {
        var path = alias
        while path.hasPrefix("/") { path.removeFirst() }
        guard !path.isEmpty else { return nil }
        if !path.hasSuffix("/") && !path.hasSuffix(".html") { path += "/" }
        let file = path.hasSuffix("/") ? path + "index.html" : path
        return OutputFile.isSafe(file) ? path : nil
    }
}
