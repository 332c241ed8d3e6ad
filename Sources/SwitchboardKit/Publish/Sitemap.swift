/// `sitemap.xml` and `robots.txt`: every page search engines should know, by absolute URL.
enum Sitemap {
    static func xml(site: Site) -> String {
        var urls: [(String, String?)] = []
        for id in site.index.order {
            guard let page = site.index[id], page.kind != .notFound, page.kind != .alias, page.kind != .search else { continue }
            let lastmod = page.entryIndex.flatMap { site.entries[$0].updated }?.description
            urls.append((site.config.baseURL.absolute(page.sitePath), lastmod))
        }
        urls.sort { $0.0 < $1.0 }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        out.reserveCapacity(urls.reduce(128) { $0 + $1.0.utf8.count + 64 })  // grown once, not page by page
        for (loc, lastmod) in urls {
            out += "  <url><loc>\(HTMLEscaping.escape(loc))</loc>"
            if let lastmod { out += "<lastmod>\(lastmod)</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }

    static func robots(site: Site) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(site.config.baseURL.absolute("sitemap.xml"))\n"
    }
}
