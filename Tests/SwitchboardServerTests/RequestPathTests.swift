import Testing
@testable import SwitchboardServer

/// Request targets against a small site: what is served, redirected, refused.
struct RequestPathTests {
    let files: Set<String> = ["index.html", "kpis/index.html", "kpis/aht/index.html", "assets/style.css", "404.html", "café/index.html"]

    func resolve(_ target: String) -> RequestPath.Resolution {
        RequestPath.resolve(target) { files.contains($0) }
    }

    @Test func servesFilesAndFolderIndexes() {
        #expect(resolve("/") == .file("index.html"))
        #expect(resolve("/kpis/aht/") == .file("kpis/aht/index.html"))
        #expect(resolve("/kpis/aht/index.html") == .file("kpis/aht/index.html"))
        #expect(resolve("/assets/style.css") == .file("assets/style.css"))
        #expect(resolve("/assets/style.css?v=2") == .file("assets/style.css"))
        #expect(resolve("/caf%C3%A9/") == .file("café/index.html"))
    }

    @Test func redirectsFoldersWithoutTheirSlash() {
        #expect(resolve("/kpis/aht") == .redirect("/kpis/aht/"))
        #expect(resolve("/kpis?sort=title") == .redirect("/kpis/?sort=title"))
    }

    @Test func unknownPathsAreNotFound() {
        #expect(resolve("/nope/") == .notFound)
        #expect(resolve("/kpis/aht/extra") == .notFound)
        #expect(resolve("/assets/") == .notFound)  // no directory listings
    }

    @Test(arguments: [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/..%2F..%2Fetc%2Fpasswd",
        "/kpis/../../etc/passwd",
        "/kpis/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/kpis//aht/",
        "/./index.html",
        "/%2e/index.html",
        "/..\\..\\etc\\passwd",
        "/%5c..%5cetc%5cpasswd",
        "/kpis%2faht/index.html",
        "/.git/config",
        "/%2egit/config",
        "/%252e%252e/etc/passwd",
    ])
    func traversalAttemptsAreNotFound(_ target: String) {
        #expect(resolve(target) == .notFound)
    }

    @Test(arguments: [
        "/index.html%00.css",
        "/%00",
        "/%0a/index.html",
        "/%zz/",
        "/%C3/",          // not UTF-8
        "/%",
        "http://example.org/etc/passwd",
        "*",
        "etc/passwd",
        "/index.html#top",
    ])
    func malformedTargetsAreBadRequests(_ target: String) {
        #expect(resolve(target) == .badRequest)
    }

    @Test func reservedFolderIsTheServers() {
        #expect(resolve("/__switchboard/events") == .reserved("events"))
        #expect(resolve("/__switchboard/live-reload.js") == .reserved("live-reload.js"))
        #expect(resolve("/__switchboard/../etc/passwd") == .notFound)
    }

    @Test func urlPathsOfSiteFiles() {
        #expect(RequestPath.urlPath(ofSitePath: "index.html") == "/")
        #expect(RequestPath.urlPath(ofSitePath: "kpis/aht/index.html") == "/kpis/aht/")
        #expect(RequestPath.urlPath(ofSitePath: "assets/style.css") == "/assets/style.css")
    }
}
