import Testing
@testable import SwitchboardServer

/// Answers from a served state, without sockets.
struct SiteResponderTests {
    let state = LiveSite.State(
        snapshot: SiteSnapshot(files: [
            "index.html": Array("<!doctype html><html><body><p>Home</p></body></html>".utf8),
            "kpis/aht/index.html": Array("<!doctype html><html><body><p>AHT</p></BODY></html>".utf8),
            "404.html": Array("<!doctype html><html><body><p>Lost</p></body></html>".utf8),
            "assets/style.css": Array("body { color: black } /* </body> */".utf8),
            "graph.json": Array("{\"html\": \"</body>\"}".utf8),
        ]),
        build: "test-1", failure: nil)

    func response(_ target: String, method: String = "GET") -> HTTPResponse? {
        if case .response(let r) = SiteResponder.answer(HTTPRequestHead(method: method, target: target), state: state) { return r }
        return nil
    }

    func text(_ r: HTTPResponse?) -> String { String(decoding: r?.body ?? [], as: UTF8.self) }

    @Test func htmlGetsTheLiveReloadScriptBeforeBodyClose() {
        let page = response("/kpis/aht/")
        #expect(page?.status == 200)
        #expect(page?.header("Content-Type") == "text/html; charset=utf-8")
        let html = text(page)
        #expect(html.contains("<p>AHT</p><script src=\"/__switchboard/live-reload.js\" data-page=\"/kpis/aht/\" data-build=\"test-1\"></script>\n</BODY>"))
    }

    @Test func otherTypesAreServedAsTheyAre() {
        #expect(response("/assets/style.css")?.body == state.snapshot["assets/style.css"])
        #expect(response("/assets/style.css")?.header("Content-Type") == "text/css; charset=utf-8")
        #expect(response("/graph.json")?.body == state.snapshot["graph.json"])
        #expect(!text(response("/graph.json")).contains("live-reload"))
    }

    @Test func unknownPathsGetTheSites404PageWithStatus404() {
        let missing = response("/no/such/page/")
        #expect(missing?.status == 404)
        #expect(text(missing).contains("<p>Lost</p>"))
        #expect(text(missing).contains("data-page=\"*\""))
        #expect(response("/../../etc/passwd")?.status == 404)
        #expect(response("/%2e%2e/%2e%2e/etc/passwd")?.status == 404)
        #expect(response("/..%2f..%2fetc/passwd")?.status == 404)
        #expect(response("//etc/passwd")?.status == 404)
    }

    @Test func malformedTargetsAreRefused() {
        #expect(response("/index.html%00")?.status == 400)
        #expect(response("/%zz")?.status == 400)
    }

    @Test func foldersWithoutSlashRedirect() {
        let r = response("/kpis/aht")
        #expect(r?.status == 301)
        #expect(r?.header("Location") == "/kpis/aht/")
    }

    @Test func onlyGetAndHead() {
        #expect(response("/", method: "HEAD")?.status == 200)
        let post = response("/", method: "POST")
        #expect(post?.status == 405)
        #expect(post?.header("Allow") == "GET, HEAD")
        #expect(response("/", method: "DELETE")?.status == 405)
    }

    @Test func headResponsesKeepTheLengthButNotTheBody() {
        let r = response("/")!
        let head = String(decoding: r.serialized(keepAlive: true, includeBody: false), as: UTF8.self)
        #expect(head.hasSuffix("\r\n\r\n"))
        #expect(head.contains("Content-Length: \(r.body.count)\r\n"))
    }

    @Test func theServersOwnEndpoints() {
        let script = response("/__switchboard/live-reload.js")
        #expect(script?.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(text(script).contains("new EventSource(\"/__switchboard/events\")"))
        #expect(SiteResponder.answer(HTTPRequestHead(method: "GET", target: "/__switchboard/events"), state: state) == .events)
        #expect(response("/__switchboard/other")?.status == 404)
    }

    @Test func beforeAnyGoodBuildEveryPathShowsTheErrorPage() {
        let empty = LiveSite.State(snapshot: SiteSnapshot(), build: "", failure: [])
        guard case .response(let r) = SiteResponder.answer(HTTPRequestHead(method: "GET", target: "/kpis/"), state: empty) else {
            Issue.record("expected a response")
            return
        }
        #expect(r.status == 503)
        #expect(text(r).contains("live-reload.js"))
    }

    @Test func injectionWithoutBodyAppends() {
        let out = ScriptInjection.inject(into: Array("<p>fragment".utf8), page: "/x/", build: "b")
        #expect(String(decoding: out, as: UTF8.self).hasPrefix("<p>fragment<script"))
    }
}
