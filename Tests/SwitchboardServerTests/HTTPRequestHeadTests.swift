import Testing
@testable import SwitchboardServer

struct HTTPRequestHeadTests {
    func parse(_ text: String) -> Result<HTTPRequestHead, HTTPHeadProblem> {
        HTTPRequestHead.parse(Array(text.utf8))
    }

    @Test func parsesABrowserRequest() throws {
        let head = try parse("GET /kpis/aht/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: test\r\nAccept: */*\r\nConnection: keep-alive\r").get()
        #expect(head.method == "GET")
        #expect(head.target == "/kpis/aht/?x=1")
        #expect(head.version == "HTTP/1.1")
        #expect(head.headers["host"] == "127.0.0.1:8080")
        #expect(head.headers["accept"] == "*/*")
        #expect(head.keepAlive)
        #expect(!head.hasBody)
    }

    @Test func keepAliveFollowsTheVersionAndConnectionHeader() throws {
        #expect(try parse("GET / HTTP/1.1\r\nConnection: close\r").get().keepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r").get().keepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r").get().keepAlive == true)
        #expect(try parse("GET / HTTP/1.1\n").get().keepAlive == true)
    }

    @Test func noticesABody() throws {
        #expect(try parse("POST / HTTP/1.1\r\nContent-Length: 5\r").get().hasBody)
        #expect(try parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r").get().hasBody)
        #expect(try parse("GET / HTTP/1.1\r\nContent-Length: 0\r").get().hasBody == false)
    }

    @Test(arguments: [
        "",
        "GET /\r",
        "GET / HTTP/2.0\r",
        "GET  / HTTP/1.1\r",
        "get / HTTP/1.1\r",
        "GET / HTTP/1.1\r\nNo colon here\r",
        "GET / HTTP/1.1\r\nHost: a\r\n folded: value\r",
        "GET / HTTP/1.1\r\nBad Name: x\r",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r",
        "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r",
        "GET /\u{1}x HTTP/1.1\r",
        "GET /é HTTP/1.1\r",
    ])
    func refusesMalformedHeads(_ text: String) {
        #expect(throws: HTTPHeadProblem.malformed) { try parse(text).get() }
    }

    @Test func findsTheEndOfTheHead() {
        #expect(HTTPHeadReader.endOfHead(in: Array("GET / HTTP/1.1\r\nA: b\r\n\r\nNEXT".utf8))?.headEnd == 21)
        #expect(HTTPHeadReader.endOfHead(in: Array("GET / HTTP/1.1\r\nA: b\r\n\r\nNEXT".utf8))?.restStart == 24)
        #expect(HTTPHeadReader.endOfHead(in: Array("GET / HTTP/1.1\n\nNEXT".utf8))?.restStart == 16)
        #expect(HTTPHeadReader.endOfHead(in: Array("GET / HTTP/1.1\r\nA: b\r\n".utf8)) == nil)
    }
}

/// The head reader on a scripted byte source: limits, timeouts, pipelining.
struct HTTPHeadReaderTests {
    /// Hands out the chunks in order, then reports the connection closed.
    actor Chunks {
        var chunks: [[UInt8]]
        let delay: Duration
        var handedOut: Int
        /// The first chunk at once (unless `delayFirst`), each later one after `delay`.
        init(_ chunks: [String], delay: Duration = .zero, delayFirst: Bool = false) {
            self.chunks = chunks.map { Array($0.utf8) }
            self.delay = delay
            handedOut = delayFirst ? 1 : 0
        }
        func next() async throws -> [UInt8] {
            if delay > .zero && handedOut > 0 { try await Task.sleep(for: delay) }
            handedOut += 1
            guard !chunks.isEmpty else { return [] }
            return chunks.removeFirst()
        }
    }

    @Test func readsPipelinedHeadsInOrder() async throws {
        let source = Chunks(["GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HT", "TP/1.1\r\n\r\n"])
        var reader = HTTPHeadReader { try await source.next() }
        guard case .head(let first) = await reader.next(timeout: .seconds(5)),
              case .head(let second) = await reader.next(timeout: .seconds(5)) else {
            Issue.record("expected two heads")
            return
        }
        #expect(try HTTPRequestHead.parse(first).get().target == "/a")
        #expect(try HTTPRequestHead.parse(second).get().target == "/b")
        #expect(await reader.next(timeout: .seconds(5)) == .closed)
    }

    @Test func refusesHeadsOverTheLimit() async {
        let big = "GET / HTTP/1.1\r\nX-Filler: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
        let source = Chunks(stride(from: 0, to: big.count, by: 4096).map { i in
            String(big.dropFirst(i).prefix(4096))
        })
        var reader = HTTPHeadReader { try await source.next() }
        #expect(await reader.next(timeout: .seconds(5)) == .problem(.tooLarge))
    }

    @Test func givesUpOnSlowClients() async {
        // One byte a second would take 18 seconds for this head; the deadline is 2 seconds.
        let source = Chunks("GET / HTTP/1.1\r\n\r\n".map(String.init), delay: .seconds(1))
        var reader = HTTPHeadReader { try await source.next() }
        #expect(await reader.next(timeout: .seconds(2)) == .problem(.timedOut))
    }

    @Test func anIdleConnectionJustCloses() async {
        let source = Chunks([], delay: .seconds(5), delayFirst: true)
        var reader = HTTPHeadReader { try await source.next() }
        #expect(await reader.next(timeout: .milliseconds(100)) == .closed)
    }
}
