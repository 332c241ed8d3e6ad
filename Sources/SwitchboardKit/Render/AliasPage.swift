/// The page written at an old URL (`aliases:`): sends readers and search engines to the
/// entry's real address, and works without JavaScript.
enum AliasPage {
    static func html(for page: Page, site: Site) -> String {
        let target = site.aliasTargets[page.id].flatMap { site.index[$0] }
        let url = HTMLEscaping.escape(site.config.baseURL.url(target?.sitePath ?? ""))
        let canonical = HTMLEscaping.escape(site.config.baseURL.absolute(target?.sitePath ?? ""))
        let title = HTMLEscaping.escape(target?.title ?? site.config.title)
        return """
        <!doctype html>
        <html lang="\(HTMLEscaping.escape(site.config.language))">
        <head>
        <meta charset="utf-8">
        <title>Moved: \(title)</title>
        <link rel="canonical" href="\(canonical)">
        <meta name="robots" content="noindex">
        <meta http-equiv="refresh" content="0; url=\(url)">
        </head>
        <body>
        <p>This page has moved to <a href="\(url)">\(title)</a>.</p>
        </body>
        </html>

        """
    }
}
