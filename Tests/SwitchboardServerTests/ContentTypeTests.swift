import Testing
@testable import SwitchboardServer

struct ContentTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/style.3f9a0c1b2d.css", "text/css; charset=utf-8"),
        ("assets/self-assessment.0a1b.js", "text/javascript; charset=utf-8"),
        ("graph.json", "application/json"),
        ("search/index.json", "application/json"),
        ("assets/favicon.svg", "image/svg+xml"),
        ("images/chart.PNG", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("anim.gif", "image/gif"),
        ("pic.webp", "image/webp"),
        ("favicon.ico", "image/x-icon"),
        ("llms.txt", "text/plain; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("sitemap.xml", "application/xml"),
        ("report.pdf", "application/pdf"),
        ("fonts/inter.woff2", "font/woff2"),
        ("data.csv", "text/csv; charset=utf-8"),
        ("archive.unknown", "application/octet-stream"),
        ("README", "application/octet-stream"),
        ("folder.d/.hidden", "application/octet-stream"),
    ])
    func byExtension(_ path: String, _ expected: String) {
        #expect(ContentType.of(path) == expected)
    }
}
