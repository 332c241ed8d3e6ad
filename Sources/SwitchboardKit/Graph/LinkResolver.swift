/// Resolves every way of naming a page — relative `.md` paths, wikilinks, page ids in menus
/// and ref fields, site paths — to a page and URL, or to a diagnostic with a suggestion.
public struct LinkResolver: Sendable {
    public let index: SiteIndex
    public let baseURL: BaseURL
    /// "Did you mean" hints compare a broken target with every id: worth it for the first
    /// few hundred broken links, not for a page of ten thousand.
    public var hints = true

    public enum Outcome: Sendable {
        /// Another site (or mailto:, tel: …): left exactly as written.
        case external
        /// A page of this hub (`targetID`), or a static file (`targetID` nil).
        case `internal`(targetID: String?, url: String)
        case failure(Diagnostic)
    }

    public init(index: SiteIndex, baseURL: BaseURL) {
        self.index = index
        self.baseURL = baseURL
    }

    // MARK: links in Markdown

    public func resolve(_ link: MarkdownLink, from page: Page, source: String) -> Outcome {
        let location = SourceLocation(file: source, line: link.line, column: link.column)
        let target = link.target
        if link.form == .wikilink {
            let (idPart, anchor) = splitAnchor(target)
            if idPart.isEmpty { return sameAnchor(anchor, on: page, at: location) }
            return pageOutcome(resolveID(idPart, at: location, form: "wikilink"), anchor: anchor, at: location)
        }
        if Self.isExternal(target) { return .external }
        if target.isEmpty {
            return .failure(.error(.brokenLink, "link has no destination", at: location, hint: "write the target between the parentheses: [\(link.label)](../kpis/some-entry.md)"))
        }
        var (path, anchor) = splitAnchor(target)
        if let q = path.firstIndex(ofByte: UInt8(ascii: "?")) { path = String(path[..<q]) }
        let decoded = Self.percentDecoded(path)
        if decoded.isEmpty { return sameAnchor(anchor, on: page, at: location) }

        // A file path in content/: `../kpis/aht.md`, `_index.md`, `/kpis/aht.md`, `../img/x.png`.
        let sourceDirectory = Self.folder(of: source.dropFirst("content/".count))
        if let contentPath = Self.normalise(decoded, relativeTo: decoded.hasPrefix("/") ? "" : sourceDirectory) {
            if decoded.hasSuffix(".md") {
                let sourcePath = "content/" + contentPath
                if let id = index.idBySource[sourcePath] {
                    if index.draftIDs.contains(id) { return draftFailure(id, at: location) }
                    guard let target = index[id] else { return brokenFile(decoded, normalised: contentPath, at: location) }
                    return pageOutcome(.success(target), anchor: anchor, at: location)
                }
                return brokenFile(decoded, normalised: contentPath, at: location)
            }
            if let sitePath = index.staticBySource[contentPath] {
                return .internal(targetID: nil, url: baseURL.url(sitePath))
            }
        } else if decoded.hasSuffix(".md") {
            return .failure(.error(.brokenLink, "link '\(target)' leads outside content/", at: location,
                                   hint: "link to files inside the hub's content folder"))
        }

        // A URL path: root-relative (`/kpis/aht/`) or relative to this page's URL.
        let base = decoded.hasPrefix("/") ? "" : Self.folder(of: Substring(page.sitePath))
        guard let sitePath = Self.normalise(decoded, relativeTo: base) else {
            return .failure(.error(.brokenLink, "link '\(target)' climbs above the site root", at: location))
        }
        for candidate in [sitePath, sitePath + "/", sitePath.hasSuffix("index.html") ? String(sitePath.dropLast("index.html".count)) : nil].compactMap({ $0 }) {
            if let id = index.idByPath[candidate], let target = index[id] {
                return pageOutcome(.success(target), anchor: anchor, at: location)
            }
            if index.staticFiles.contains(candidate) {
                return .internal(targetID: nil, url: baseURL.url(candidate))
            }
        }
        let hint = hints ? Suggestions.didYouMean(sitePath, in: index.idByPath.keys.sorted()) { "'/\($0)'" } : nil
        return .failure(.error(.brokenLink, "link '\(target)' points to no page or file of this hub", at: location,
                               hint: hint ?? "link to a source file (`../kpis/entry.md`) or use a wikilink (`[[kpis/entry]]`)"))
    }

    private func sameAnchor(_ anchor: String?, on page: Page, at location: SourceLocation) -> Outcome {
        guard let anchor, !anchor.isEmpty else { return .internal(targetID: page.id, url: baseURL.url(page.sitePath)) }
        if page.anchors.contains(anchor) || anchor == "top" { return .internal(targetID: page.id, url: "#" + anchor) }
        return .failure(anchorFailure(anchor, on: page, at: location))
    }

    /// - Parameter normalised: the path relative to content/ after folding `..`, compared with
    ///   the real files for the hint (the `../` as written would spend the edit budget).
    private func brokenFile(_ path: String, normalised: String, at location: SourceLocation) -> Outcome {
        guard hints else {
            return .failure(.error(.brokenLink, "link to '\(path)': no such file in content/", at: location,
                                   hint: "check the file name and the number of ../"))
        }
        let sources = index.idBySource.keys.map { String($0.dropFirst("content/".count)) }.sorted()
        let name = normalised.split(separator: "/").last.map(String.init) ?? normalised
        let folder = String(normalised.dropLast(name.count))
        // The same file in another folder, else a near spelling in the same folder.
        let sameName = sources.filter { $0 == name || $0.hasSuffix("/" + name) }
        let sameFolder = sources.filter { $0.hasPrefix(folder) && !$0.dropFirst(folder.count).contains("/") }
        let nearName = sameFolder.filter {
            Suggestions.distance(Array(name.unicodeScalars), Array($0.dropFirst(folder.count).unicodeScalars),
                                 limit: max(1, (name.count - 3) / 3)) <= max(1, (name.count - 3) / 3)
        }
        let found = sameName.isEmpty ? nearName : sameName
        let hint = found.isEmpty ? nil : "did you mean " + found.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"
        return .failure(.error(.brokenLink, "link to '\(path)': no such file in content/", at: location,
                               hint: hint ?? "check the file name and the number of ../"))
    }

    private func draftFailure(_ id: String, at location: SourceLocation) -> Outcome {
        .failure(.error(.linkToDraft, "link to '\(id)', which is a draft and is not built", at: location,
                        hint: "publish it (remove `draft: true`), remove the link, or build with --drafts"))
    }

    private func pageOutcome(_ result: Result<Page, Diagnostic>, anchor: String?, at location: SourceLocation) -> Outcome {
        switch result {
        case .failure(let d): return .failure(d)
        case .success(let target):
            var url = baseURL.url(target.sitePath)
            if let anchor, !anchor.isEmpty {
                guard target.anchors.contains(anchor) || anchor == "top" else {
                    return .failure(anchorFailure(anchor, on: target, at: location))
                }
                url += "#" + anchor
            }
            return .internal(targetID: target.id, url: url)
        }
    }

    private func anchorFailure(_ anchor: String, on page: Page, at location: SourceLocation) -> Diagnostic {
        let hint = Suggestions.didYouMean(anchor, in: page.anchors.sorted()) { "'#\($0)'" }
            ?? (page.anchors.isEmpty ? "'\(page.id)' has no headings to link to"
                                     : "headings of '\(page.id)': " + page.anchors.sorted().prefix(8).map { "#\($0)" }.joined(separator: ", "))
        return .error(.unknownAnchor, "'#\(anchor)' is not a heading of '\(page.id)'", at: location, hint: hint)
    }

    // MARK: ids (wikilinks, menus, ref fields)

    /// Resolves a page id or a unique entry slug. `.md` endings and surrounding slashes are forgiven.
    public func resolveID(_ text: String, at location: SourceLocation?, form: String, collection: String? = nil) -> Result<Page, Diagnostic> {
        var id = text
        if id.hasSuffix(".md") { id.removeLast(3) }
        while id.hasPrefix("/") { id.removeFirst() }
        while id.hasSuffix("/") { id.removeLast() }
        if id.hasSuffix("/_index") { id.removeLast("/_index".count) }
        if id.isEmpty || id == "index" || id == "home" { id = "index" }

        if let page = index[id] {
            if let collection, page.collection != collection || page.kind != .entry {
                return .failure(.error(.badRef, "'\(text)' is not an entry of '\(collection)'", at: location,
                                       hint: suggestion(for: text, collection: collection)))
            }
            return .success(page)
        }
        if index.draftIDs.contains(id) {
            return .failure(.error(.linkToDraft, "\(form) to '\(id)', which is a draft and is not built", at: location,
                                   hint: "publish it (remove `draft: true`), remove the link, or build with --drafts"))
        }
        if let collection, let page = index["\(collection)/\(id)"] { return .success(page) }
        if !id.containsByte(UInt8(ascii: "/")) {
            let matches = (index.idsBySlug[id] ?? []).filter { collection == nil || index[$0]?.collection == collection }
            if matches.count == 1, let page = index[matches[0]] { return .success(page) }
            if matches.count > 1 {
                return .failure(.error(.ambiguousLink, "'\(id)' matches several entries: \(matches.sorted().joined(separator: ", "))",
                                       at: location, hint: "write the full id, e.g. [[\(matches.sorted()[0])]]"))
            }
        }
        let code: DiagnosticCode = form == "ref" ? .badRef : .brokenLink
        return .failure(.error(code, "\(form) target '\(text)' is not a page of this hub", at: location,
                               hint: suggestion(for: id, collection: collection)))
    }

    /// The title a wikilink target stands for (`kpis/aht#formula` → "Average handle time"), if it resolves.
    public func title(ofWikilinkTarget target: String) -> String? {
        let (id, _) = splitAnchor(target)
        return try? resolveID(id, at: nil, form: "wikilink").get().title
    }

    private func suggestion(for id: String, collection: String?) -> String? {
        guard hints else { return nil }
        let candidates = index.allIDs.filter { collection == nil || index[$0]?.collection == collection && index[$0]?.kind == .entry }
        return Suggestions.didYouMean(id, in: candidates)
    }

    // MARK: helpers

    /// Splits at the first `#`, as a browser does: by code points, not by characters (a
    /// combining mark after the `#` does not hide it).
    func splitAnchor(_ target: String) -> (String, String?) {
        guard let hash = target.firstIndex(ofByte: UInt8(ascii: "#")) else { return (target, nil) }
        return (String(target[..<hash]), String(target[target.utf8.index(after: hash)...]))
    }

    /// Everything before the last `/` (`kpis/aht.md` → `kpis`; `aht.md` → empty).
    static func folder(of path: Substring) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// True for URLs with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`).
    public static func isExternal(_ url: String) -> Bool {
        // On bytes: a scheme is ASCII, and any other byte before the colon means there is none.
        let bytes = url.utf8
        if bytes.starts(with: "//".utf8) { return true }
        guard let colon = url.firstIndex(ofByte: UInt8(ascii: ":")) else { return false }
        let scheme = bytes[..<colon]
        let isLetter = { (b: UInt8) in (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        guard let first = scheme.first, isLetter(first) else { return false }
        return scheme.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Joins `path` to `base` and folds `.` and `..`; nil if it climbs above the root. On
    /// bytes, into one buffer: every Markdown link of the hub comes through here.
    static func normalise(_ path: String, relativeTo base: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(base.utf8.count + path.utf8.count + 1)
        func push(_ segment: UnsafeBufferPointer<UInt8>) {
            if !out.isEmpty { out.append(UInt8(ascii: "/")) }
            out.append(contentsOf: segment)
        }
        // The base is a folder of the hub, taken as it is; the path's `.` and `..` are folded.
        if path.utf8.first != UInt8(ascii: "/") { forEachSegment(of: base, push) }
        var climbsOut = false
        forEachSegment(of: path) { segment in
            guard !climbsOut else { return }
            let dot = UInt8(ascii: ".")
            if segment.count == 1 && segment[0] == dot { return }
            if segment.count == 2 && segment[0] == dot && segment[1] == dot {
                guard !out.isEmpty else { climbsOut = true; return }
                out.removeSubrange((out.lastIndex(of: UInt8(ascii: "/")) ?? 0)...)
                return
            }
            push(segment)
        }
        if climbsOut { return nil }
        if path.utf8.last == UInt8(ascii: "/") && !out.isEmpty { out.append(UInt8(ascii: "/")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every non-empty segment between slashes of `text`, read in place (every link of the hub
    /// is normalised: an array of its segments cost an allocation each time).
    private static func forEachSegment(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            func segment(to end: Int) {
                if end > start { body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
                start = end + 1
            }
            bytes.forEachOffset(of: UInt8(ascii: "/")) { segment(to: $0); return true }
            segment(to: bytes.count)
        }
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%"), let h = utf8.index(i, offsetBy: 2, limitedBy: utf8.endIndex), h < utf8.endIndex,
               let value = UInt8(String(decoding: utf8[utf8.index(after: i)...h], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i = utf8.index(after: h)
            } else {
                bytes.append(b)
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
