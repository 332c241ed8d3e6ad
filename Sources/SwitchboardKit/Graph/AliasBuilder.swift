/// `aliases:` — old URLs of an entry. Each becomes a small redirect page; an alias that is
/// another page's URL, or another alias, is an error rather than a silent overwrite.
enum AliasBuilder {
    /// Registers alias pages in the index; returns alias page id → target page id.
    static func build(entries: [Entry], index: inout SiteIndex, diagnostics: inout [Diagnostic]) -> [String: String] {
        var targets: [String: String] = [:]
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
                index.add(Page(id: id, title: entry.title, kind: .alias, sitePath: sitePath))
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
