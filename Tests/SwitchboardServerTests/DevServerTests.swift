import Foundation
import Testing
import SwitchboardKit
@testable import SwitchboardServer

/// The dev server end to end: a real hub in a temporary folder, real HTTP on loopback, real
/// file changes.
/// The limit only catches a hang: these tests share two cores with the whole suite, whose hub
/// builds can keep the server's tasks waiting for minutes on a slow machine.
@Suite(.timeLimit(.minutes(10)))
struct DevServerTests {
    static let kpi = "content/kpis/first-contact-resolution.md"
    static let kpiPage = "/kpis/first-contact-resolution/"

    @Test func servesEditsReloadsAndShowsErrorsUntilFixed() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await RunningServer.on(root) { server in
            let page = try await TestClient.get(Self.kpiPage, port: server.port)
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.text.contains("fully resolved at the first"))
            #expect(page.text.contains("<script src=\"/__switchboard/live-reload.js\" data-page=\"\(Self.kpiPage)\""))
            // Links point at the server itself.
            #expect(page.text.contains("href=\"http://127.0.0.1:\(server.port)\(Self.kpiPage)\""))

            var stream = try await TestClient.EventStream(port: server.port)
            defer { stream.close() }
            #expect(await stream.next()?.name == "ok")

            // An edit: the page changes and open pages are told to reload it.
            let original = try TestHubs.read(Self.kpi, in: root)
            try TestHubs.write(original.replacingOccurrences(of: "fully resolved at the first", with: "completely resolved at the first"), Self.kpi, in: root)
            let reload = try #require(await stream.next(named: "reload"))
            #expect(reload.contains("\"\(Self.kpiPage)\""))
            guard case .rebuilt(_, let changes, let rendered, let pages, _)? = await server.nextRebuild() else {
                Issue.record("expected a rebuild")
                return
            }
            #expect(changes.pageCount >= 1)
            // Only what the edit touches is rendered again.
            #expect(rendered < pages)
            #expect(try await TestClient.get(Self.kpiPage, port: server.port).text.contains("completely resolved at the first"))

            // A YAML error: the errors are sent with file:line and the last good page stays.
            let edited = try TestHubs.read(Self.kpi, in: root)
            try TestHubs.write(edited.replacingOccurrences(of: "tags: [quality]", with: "tags: [quality"), Self.kpi, in: root)
            let errors = try #require(await stream.next(named: "errors"))
            #expect(errors.contains("\"location\":\"\(Self.kpi):"))
            #expect(errors.contains("\"severity\":\"error\""))
            guard case .rebuildFailed(let diagnostics, _)? = await server.nextRebuild() else {
                Issue.record("expected a failed rebuild")
                return
            }
            #expect(diagnostics.contains { $0.location?.file == Self.kpi })
            let stillServed = try await TestClient.get(Self.kpiPage, port: server.port)
            #expect(stillServed.status == 200)
            #expect(stillServed.text.contains("completely resolved at the first"))

            // A page opened now sees the errors at once.
            var late = try await TestClient.EventStream(port: server.port)
            defer { late.close() }
            #expect(await late.next()?.name == "errors")

            // Fixed: the overlay goes away everywhere.
            try TestHubs.write(edited, Self.kpi, in: root)
            #expect(await stream.next(named: "ok") != nil)
            #expect(await late.next(named: "ok") != nil)
        }
    }

    @Test func refusesEverythingOutsideTheBuiltSite() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        // A symbolic link out of the hub: the build ignores it, so it is not in the site.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("content/passwd.txt").path, withDestinationPath: "/etc/passwd")
        try await RunningServer.on(root) { server in
            for target in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "//etc/passwd",
                           "/passwd.txt", "/kpis/../../../etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/content/hub.yml",
                           "/templates/base.mustache"] {
                let response = try await TestClient.get(target, port: server.port)
                #expect(response.status == 404, "\(target)")
                #expect(!response.text.contains("root:"), "\(target)")
                #expect(response.text.contains("Page not found"), "\(target) gets the site's 404 page")
            }
            #expect(try await TestClient.get("/index.html%00", port: server.port).status == 400)
            #expect(try await TestClient.get("/kpis", port: server.port).headers["location"] == "/kpis/")
            #expect(try await TestClient.get("/", port: server.port, method: "POST").status == 405)
            let head = try await TestClient.get("/", port: server.port, method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(Int(head.headers["content-length"] ?? "") ?? 0 > 0)
        }
    }

    @Test func refusesOversizedRequestHeads() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await RunningServer.on(root) { server in
            let socket = try await TestClient.connect(port: server.port)
            defer { try? socket.close() }
            let filler = String(repeating: "a", count: 32 * 1024)
            try? await socket.write(Data("GET / HTTP/1.1\r\nX-Filler: \(filler)\r\n\r\n".utf8))
            var bytes: [UInt8] = []
            while let chunk = try? await socket.read(atMost: 65536), !chunk.isEmpty { bytes += chunk }
            #expect(try TestClient.parse(bytes).status == 431)
        }
    }

    /// After edits, a rename that breaks links and their repair, a deletion, a template edit
    /// and a hub.yml edit, the served files equal a clean build of the final state.
    @Test func rebuildsEqualACleanBuildAfterASeriesOfChanges() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await RunningServer.on(root) { server in
            let fm = FileManager.default
            func change(_ expectFailure: Bool = false, _ edit: () throws -> Void) async throws {
                try edit()
                let event = await server.nextRebuild()
                if case .rebuildFailed = event { #expect(expectFailure) } else { #expect(!expectFailure) }
            }
            try await change {
                let text = try TestHubs.read(DevServerTests.kpi, in: root)
                try TestHubs.write(text + "\nOne more paragraph.\n", DevServerTests.kpi, in: root)
            }
            try await change {
                try TestHubs.write("---\ntitle: \"Repeat contact\"\nsee_also: [glossary/contact]\n---\n\nA second [[glossary/contact]] about the same issue.\n",
                                   "content/glossary/repeat-contact.md", in: root)
            }
            try await change(true) {
                try fm.moveItem(at: root.appendingPathComponent("content/glossary/contact.md"),
                                to: root.appendingPathComponent("content/glossary/customer-contact.md"))
            }
            try await change {
                for path in ["content/glossary/repeat-contact.md", "content/index.md", DevServerTests.kpi, "content/playbooks/run-a-service-review.md"] {
                    let text = try TestHubs.read(path, in: root)
                    try TestHubs.write(text.replacingOccurrences(of: "glossary/contact", with: "glossary/customer-contact"), path, in: root)
                }
            }
            try await change {
                try fm.removeItem(at: root.appendingPathComponent("content/glossary/repeat-contact.md"))
            }
            // Saved without a change: the site stays as it was, every page still served.
            let before = await server.server.live.state.snapshot
            try await change {
                try TestHubs.write(try TestHubs.read(DevServerTests.kpi, in: root), DevServerTests.kpi, in: root)
            }
            #expect(await server.server.live.state.snapshot == before)
            try await change {
                let footer = try TestHubs.read("templates/partials/footer.mustache", in: root)
                try TestHubs.write(footer + "<!-- edited -->\n", "templates/partials/footer.mustache", in: root)
            }
            try await change {
                let config = try TestHubs.read("content/hub.yml", in: root)
                try TestHubs.write(config.replacingOccurrences(of: "title: \"Service knowledge hub\"", with: "title: \"Renamed hub\""), "content/hub.yml", in: root)
            }
            // Let any straggling batch finish, then compare with a clean build.
            try await Task.sleep(for: .milliseconds(600))
            let served = await server.server.live.state.snapshot
            let clean = await TestHubs.build(root, baseURL: server.server.listener.url)
            #expect(!clean.diagnostics.hasErrors)
            let expected = try SiteSnapshot.load(clean.files).get()
            #expect(served.paths == expected.paths)
            #expect(served.changes(since: expected).isEmpty)
            #expect(String(decoding: served["index.html"] ?? [], as: UTF8.self).contains("Renamed hub"))
            #expect(served["glossary/customer-contact/index.html"] != nil)
            #expect(served["glossary/contact/index.html"] == nil)
        }
    }
}
