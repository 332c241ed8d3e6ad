/// Answers one request from the served state: a file of the site (with the live-reload
/// script added to HTML), a redirect, the site's 404 page, the script itself, or the signal
/// that the connection should become a live-reload event stream.
enum SiteResponder {
    enum Answer: Sendable, Equatable {
        case response(HTTPResponse)
        /// `GET /__switchboard/events`: the connection streams events from now on.
        case events
    }

    static func answer(_ request: HTTPRequestHead, state: LiveSite.State) -> Answer {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .response(.plain(405, "Only GET and HEAD are served here.", extraHeaders: [("Allow", "GET, HEAD")]))
        }
        switch RequestPath.resolve(request.target, exists: { state.snapshot[$0] != nil }) {
        case .badRequest:
            return .response(.plain(400, "Bad request."))
        case .redirect(let location):
            return .response(HTTPResponse(status: 301, headers: [("Location", location), ("Cache-Control", "no-store")]))
        case .reserved(let name):
            if name == "events" && request.method == "GET" { return .events }
            if name == LiveReloadScript.path {
                return .response(HTTPResponse(status: 200, headers: [("Content-Type", ContentType.of(name)), ("Cache-Control", "no-store")],
                                              body: Array(LiveReloadScript.source.utf8)))
            }
            return .response(.plain(404, "Not found."))
        case .file(let path):
            return .response(page(path, status: 200, urlPath: RequestPath.urlPath(ofSitePath: path), state: state))
        case .notFound:
            if state.snapshot["404.html"] != nil {
                return .response(page("404.html", status: 404, urlPath: "*", state: state))
            }
            if state.snapshot.isEmpty {
                return .response(firstBuildFailedPage(state: state))
            }
            return .response(.plain(404, "Not found."))
        }
    }

    private static func page(_ path: String, status: Int, urlPath: String, state: LiveSite.State) -> HTTPResponse {
        let type = ContentType.of(path)
        var body = state.snapshot[path] ?? []
        if ContentType.isHTML(type) {
            body = ScriptInjection.inject(into: body, page: urlPath, build: state.build)
        }
        // Never cached: after a rebuild, a reload must show the new file.
        return HTTPResponse(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: body)
    }

    /// Shown for every path until the first build succeeds; the overlay lists the errors and
    /// the page reloads by itself once the hub builds.
    private static func firstBuildFailedPage(state: LiveSite.State) -> HTTPResponse {
        let html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build failed · switchboard serve</title></head>
        <body style="font: 16px/1.5 system-ui, sans-serif; margin: 2rem; color: #1a1a1a; background: #fff">
        <main><h1>The hub does not build yet</h1>
        <p>The errors are listed in the terminal and over this page. Fix them and save: this page reloads by itself.</p></main>
        </body>
        </html>

        """
        let body = ScriptInjection.inject(into: Array(html.utf8), page: "*", build: state.build)
        return HTTPResponse(status: 503, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: body)
    }
}
