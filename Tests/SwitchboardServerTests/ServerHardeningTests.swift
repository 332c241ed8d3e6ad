import FlyingSocks
import Foundation
import Testing
import SwitchboardKit
@testable import SwitchboardServer

/// The dev server against hostile clients, over real loopback sockets: traversal in every
/// spelling, symbolic links out of the hub, oversized and never-ending request heads, idle
/// connections by the dozen, methods other than GET and HEAD, smuggling attempts. Nothing
/// outside the built site is ever served, and a bad client never stops a good one.
@Suite("Dev server hardening", .timeLimit(.minutes(10)))
struct ServerHardeningTests {
    /// A dev server on a free loopback port. The head timeout is long unless a test is about
    /// it: with the whole suite building hubs on two cores, the server's tasks can wait their
    /// turn for many seconds, and a short timeout would refuse a request that was sent whole.
    static func serve(_ root: URL, headTimeout: Duration = .seconds(60),
                      _ body: (UInt16) async throws -> Void) async throws {
        try await RunningServer.on(root, configure: { options in
            options.headTimeout = headTimeout
            options.forcePolling = true
            options.pollInterval = .seconds(5)
        }) { running in
            try await body(running.port)
        }
    }

    /// Writes raw bytes and reads until the server closes (or `timeout`): status and all bytes.
    /// Every exchange here ends with the server closing, so the long default only costs time
    /// when the server is starved of CPU by the rest of the suite (seen in CI: nothing in 10 s).
    static func exchange(_ request: [UInt8], port: UInt16, timeout: Duration = .seconds(60)) async throws -> (status: Int, bytes: [UInt8], closed: Bool) {
        let socket = try await TestClient.connect(port: port)
        defer { try? socket.close() }
        try? await socket.write(Data(request))
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var closed = false
        while ContinuousClock.now < deadline {
            switch await HTTPHeadReader.read({ try await socket.read(atMost: 65536) }, until: deadline) {
            case .bytes(let chunk): bytes += chunk
            case .closed: closed = true
            case .timedOut: break
            }
            if closed { break }
        }
        let status = (try? TestClient.parse(bytes).status) ?? 0
        return (status, bytes, closed)
    }

    static func hub() throws -> URL {
        let root = try TestHubs.initHub()
        let outside = root.deletingLastPathComponent().appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("SECRET=hunter2\n".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("content/etc").path, withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("content/secret.txt").path, withDestinationPath: "../../outside/secret.txt")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("content/outside").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("templates/assets/passwd.css").path, withDestinationPath: "/etc/passwd")
        return root
    }

    @Test func listensOnLoopbackByDefault() throws {
        let listener = try HTTPListener.bind(host: "127.0.0.1", port: 0).get()
        defer { listener.close() }
        guard case .ip4(let address, _) = try listener.socket.sockname() else {
            Issue.record("not an IPv4 socket")
            return
        }
        #expect(address == "127.0.0.1")
        #expect(listener.url.hasPrefix("http://127.0.0.1:"))
        #expect(HTTPListener.bind(host: "example.org", port: 0).failureMessage?.contains("is not an IP address") == true)
    }

    @Test func nothingOutsideTheBuiltSiteInAnySpelling() async throws {
        let root = try Self.hub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await Self.serve(root) { port in
            let targets = [
                "/etc/passwd", "/etc/hostname", "/secret.txt", "/outside/secret.txt", "/assets/passwd.css",
                "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%u002e%u002e/etc/passwd", "/..;/..;/etc/passwd",
                "/%ef%bc%8e%ef%bc%8e/etc/passwd", "/kpis/..%5c..%5cetc/passwd", "/%2e%2e%2f%2e%2e%2f/etc/passwd",
                "/content/hub.yml", "/hub.yml", "/.switchboard/cache.bin", "/templates/assets/style.css",
                "/__switchboard/../../etc/passwd", "/__switchboard/%2e%2e/index.html", "/index.html/../../etc/passwd",
                "http://127.0.0.1/../../etc/passwd", "/" + String(repeating: "../", count: 200) + "etc/passwd",
            ]
            for target in targets {
                let response = try await Self.exchange(Array("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), port: port)
                let text = String(decoding: response.bytes, as: UTF8.self)
                #expect([400, 404].contains(response.status), "\(target): \(response.status)")
                #expect(!text.contains("root:") && !text.contains("SECRET") && !text.contains("base_url"), "\(target) leaks nothing")
            }
        }
    }

    @Test func noDirectoryListings() async throws {
        let root = try Self.hub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await Self.serve(root) { port in
            // Folders without an index.html: the site's 404 page, never a list of their files.
            for folder in ["/assets/", "/assets", "/search/d/", "/__switchboard/", "/tags/../assets/"] {
                let response = try await TestClient.get(folder, port: port)
                #expect([400, 404].contains(response.status), "\(folder): \(response.status)")
                #expect(!response.text.contains("Index of") && !response.text.contains("live-reload.js\">live"), "\(folder)")
                #expect(response.text.range(of: #"href="[^"]*/assets/[^"/]+\.[0-9a-f]{10}\.js""#, options: .regularExpression) == nil
                        || response.text.contains("Page not found"), "\(folder) lists no asset files")
            }
            #expect(try await TestClient.get("/kpis/", port: port).text.contains("<!doctype html>"), "a folder serves its index.html")
        }
    }

    @Test func onlyGetAndHeadWhateverElseIsSent() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await Self.serve(root) { port in
            for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL"] {
                let response = try await Self.exchange(Array("\(method) / HTTP/1.1\r\nHost: x\r\nX-Secret: echo-me\r\nContent-Length: 5\r\n\r\nhello".utf8), port: port)
                #expect(response.status == 405, "\(method)")
                #expect(response.closed, "\(method): a request with a body ends the connection")
                #expect(!String(decoding: response.bytes, as: UTF8.self).contains("echo-me"), "\(method) echoes nothing")
            }
            for line in ["get / HTTP/1.1", "GET / HTTP/2.0", "GET /", "CONNECT 127.0.0.1:22 HTTP/1.1", "GET  / HTTP/1.1"] {
                let response = try await Self.exchange(Array("\(line)\r\nHost: x\r\n\r\n".utf8), port: port)
                #expect([400, 405].contains(response.status), "\(line): \(response.status)")
            }
            // Two lengths, or a header with a NUL, are refused before anything is served.
            let smuggle = try await Self.exchange(Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 40\r\n\r\n".utf8), port: port)
            #expect(smuggle.status == 400)
            let nul = try await Self.exchange(Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8), port: port)
            #expect(nul.status == 400)
        }
    }

    @Test func oversizedHeadsAreRefused() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await Self.serve(root) { port in
            // Many small headers adding up to more than 16 KiB.
            let many = (0..<600).map { "X-H\($0): \(String(repeating: "v", count: 30))\r\n" }.joined()
            let manyHeaders = try await Self.exchange(Array("GET / HTTP/1.1\r\nHost: x\r\n\(many)\r\n".utf8), port: port)
            #expect([400, 431].contains(manyHeaders.status), "\(manyHeaders.status)")
            #expect(manyHeaders.closed)
            // A 20 KiB request target.
            let longTarget = try await Self.exchange(Array("GET /\(String(repeating: "a", count: 20 * 1024)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8), port: port)
            #expect([400, 414, 431].contains(longTarget.status), "\(longTarget.status)")
            // A head that does not end where it should: refused once over the limit, not buffered
            // (64 KiB: the server drains up to 1 MiB so that its answer is not lost to a reset).
            let endless = try await Self.exchange(Array("GET / HTTP/1.1\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10), port: port)
            #expect(endless.status == 431, "\(endless.status)")
            // After all that, an ordinary request is still served.
            #expect(try await TestClient.get("/", port: port).status == 200)
        }
    }

    @Test func slowAndSilentClientsAreDropped() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try await Self.serve(root, headTimeout: .seconds(2)) { port in
            // Half a head, then nothing: answered 408 and closed after the head timeout.
            let clock = ContinuousClock.now
            let half = try await Self.exchange(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8), port: port, timeout: .seconds(30))
            // 408, or (on a machine so busy that the server read nothing in time) a plain close.
            #expect(half.status == 408 || half.bytes.isEmpty, "\(half.status)")
            #expect(half.closed, "the server closed the connection (the client did not give up first)")
            #expect(ContinuousClock.now - clock < .seconds(30))

            // A byte every 300 ms: the timeout is for the whole head, not per read.
            let trickle = try await TestClient.connect(port: port)
            defer { try? trickle.close() }
            let started = ContinuousClock.now
            var closedAfter: Duration?
            for byte in Array("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa".utf8) {
                do { try await trickle.write(Data([byte])) } catch { closedAfter = ContinuousClock.now - started; break }
                try await Task.sleep(for: .milliseconds(300))
                if ContinuousClock.now - started > .seconds(6) { break }
            }
            var received: [UInt8] = []
            var closedByServer = closedAfter != nil
            if !closedByServer {
                let deadline = ContinuousClock.now.advanced(by: .seconds(30))
                reading: while true {
                    switch await HTTPHeadReader.read({ try await trickle.read(atMost: 4096) }, until: deadline) {
                    case .bytes(let chunk): received += chunk
                    case .closed: closedByServer = true; break reading
                    case .timedOut: break reading
                    }
                }
            }
            #expect(closedByServer, "the trickling client was dropped")
            #expect(received.isEmpty || String(decoding: received, as: UTF8.self).hasPrefix("HTTP/1.1 408"))

            // Fifty silent connections do not stop an ordinary request from being served.
            var idle: [AsyncSocket] = []
            for _ in 0..<50 { idle.append(try await TestClient.connect(port: port)) }
            defer { for socket in idle { try? socket.close() } }
            let response = try await TestClient.get("/", port: port)
            #expect(response.status == 200)
        }
    }
}

private extension Result where Failure == HTTPListener.BindError {
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
