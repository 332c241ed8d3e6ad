/// Adds the live-reload script tag to an HTML page as it is served, just before the last
/// `</body>` (or at the end when there is none). Only `serve` does this, and only to HTML
/// responses: the built files themselves never carry it.
enum ScriptInjection {
    /// - Parameters:
    ///   - page: the page's URL path, or `*` for pages that should reload on any change
    ///     (the 404 page, the "first build failed" page).
    ///   - build: the id of the build the page comes from.
    static func inject(into html: [UInt8], page: String, build: String) -> [UInt8] {
        let tag = Array(("<script src=\"/\(RequestPath.reservedFolder)/\(LiveReloadScript.path)\""
            + " data-page=\"\(escape(page))\" data-build=\"\(escape(build))\"></script>\n").utf8)
        guard let at = lastBodyClose(in: html) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: at)
        return result
    }

    /// Where the last `</body` starts, ignoring case.
    static func lastBodyClose(in html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var i = html.count - needle.count
        while i >= 0 {
            var match = true
            for j in 0..<needle.count where lowercased(html[i + j]) != needle[j] {
                match = false
                break
            }
            if match { return i }
            i -= 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
