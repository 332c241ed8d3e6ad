// Markdown and our extensions (pipe tables, callouts, task lists, wikilinks, heading ids):
// analysis and rendering of arbitrary text, the first byte choosing the options. In safe
// mode the HTML may only hold the elements cmark and the extensions write, without event
// handlers or script URLs, whatever the input.
@testable import SwitchboardKit
import FuzzSupport

let allowedTags: Set<String> = [
    "p", "a", "img", "em", "strong", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div", "input", "del",
]

/// Problems in rendered HTML: a tag that is not allowed, an `on…` attribute, a script URL.
func problems(_ html: String) -> String? {
    let bytes = Array(html.utf8)
    var i = 0
    while i < bytes.count {
        guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
        if bytes[i...].starts(with: Array("<!-- raw HTML omitted -->".utf8)) { i += 25; continue }
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "/") { j += 1 }
        var name: [UInt8] = []
        while j < bytes.count, (bytes[j] | 0x20) >= 0x61 && (bytes[j] | 0x20) <= 0x7A || (bytes[j] >= 0x30 && bytes[j] <= 0x39) {
            name.append(bytes[j] | 0x20); j += 1
        }
        let tag = String(decoding: name, as: UTF8.self)
        guard allowedTags.contains(tag) else { return "tag <\(tag)> at \(i)" }
        // Attributes up to `>`: name, and a quoted or bare value.
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || b == UInt8(ascii: "/") }
        while j < bytes.count, bytes[j] != UInt8(ascii: ">") {
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            var attribute: [UInt8] = []
            while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">") {
                attribute.append(bytes[j] | 0x20); j += 1
            }
            var value: [UInt8] = []
            if j < bytes.count, bytes[j] == UInt8(ascii: "=") {
                j += 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                    let quote = bytes[j]
                    j += 1
                    while j < bytes.count, bytes[j] != quote { value.append(bytes[j]); j += 1 }
                    j += 1
                } else {
                    while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { value.append(bytes[j]); j += 1 }
                }
            }
            let name = String(decoding: attribute, as: UTF8.self)
            if name.hasPrefix("on") { return "event handler \(name) in <\(tag)>" }
            if name == "href" || name == "src" {
                let url = String(decoding: value.filter { $0 > 0x20 }, as: UTF8.self).lowercased()
                let image = tag == "img" && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { url.hasPrefix($0) }
                if url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || url.hasPrefix("file:") || (url.hasPrefix("data:") && !image) {
                    return "script URL \(url) in <\(tag)>"
                }
            }
        }
        i = j + 1
    }
    return nil
}

FuzzDriver.main { bytes in
    guard let flags = bytes.first else { return }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let options = MarkdownOptions(smartPunctuation: flags & 1 != 0, unsafeHTML: flags & 2 != 0, hardBreaks: flags & 4 != 0)
    let analysis = MarkdownRenderer.analyse(text, options: options, lineOffset: 7, file: "content/kpis/x.md", template: true)
    for link in analysis.links {
        require(link.line >= 8 && link.column >= 1, "a link's place is in the body: \(link)")
    }
    let resolved = analysis.links.indices.map { i -> ResolvedLink? in
        let n = i + 1
        return n % 3 == 0 ? nil : ResolvedLink(url: n % 3 == 1 ? "/hub/kpis/x/#a\"<b>" : "", label: "T<i>\"&'")
    }
    var n = 0
    let html = MarkdownRenderer.render(text, options: options, lineOffset: 7, file: "content/kpis/x.md") { _ in
        defer { n += 1 }
        return n < resolved.count ? resolved[n] : nil
    }
    require(n == analysis.links.count, "render sees the links analyse saw (\(n) ≠ \(analysis.links.count))")
    // The body kept while analysing, filled in, is the page cmark renders from the Markdown.
    if let template = analysis.template {
        let filled = template.filled(links: analysis.links, resolved: resolved, unsafeHTML: options.unsafeHTML)
        require(filled == html, "the filled-in template differs from the rendered body")
    }
    _ = MarkdownRenderer.renderInline(text, options: options)
    _ = WikilinkText.resolve(analysis.plainText) { $0.count % 2 == 0 ? nil : "<" + $0 + ">" }
    if !options.unsafeHTML, let problem = problems(html) {
        require(false, "unsafe HTML in safe mode: \(problem)")
    }
}
