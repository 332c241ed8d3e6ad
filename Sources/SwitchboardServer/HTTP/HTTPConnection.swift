import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client connection: reads request heads one after another (keep-alive), answers each
/// from the live site, and turns into an event stream when a page asks for live reload.
struct HTTPConnection {
    let socket: AsyncSocket
    let live: LiveSite
    /// How long a client may take to send a whole request head, and how long an idle
    /// keep-alive connection is kept.
    var headTimeout: Duration = .seconds(10)

    func run() async {
        defer { try? socket.close() }
        let socket = self.socket
        var reader = HTTPHeadReader { try await socket.read(atMost: 4096) }
        while !Task.isCancelled {
            let head: HTTPRequestHead
            switch await reader.next(timeout: headTimeout) {
            case .closed:
                return
            case .problem(let problem):
                await refuse(problem)
                return
            case .head(let bytes):
                switch HTTPRequestHead.parse(bytes) {
                case .failure(let problem):
                    await refuse(problem)
                    return
                case .success(let parsed):
                    head = parsed
                }
            }
            // A body is never read, so what follows it could not be told from a next request.
            let keepAlive = head.keepAlive && !head.hasBody
            switch SiteResponder.answer(head, state: await live.state) {
            case .response(let response):
                guard await send(response, keepAlive: keepAlive, includeBody: head.method != "HEAD"), keepAlive else { return }
            case .events:
                await streamEvents()
                return
            }
        }
    }

    static func response(for problem: HTTPHeadProblem) -> HTTPResponse {
        switch problem {
        case .malformed: return .plain(400, "Bad request.")
        case .tooLarge: return .plain(431, "Request headers too large.")
        case .timedOut: return .plain(408, "Request timed out.")
        }
    }

    /// Answers a request that cannot be served, then closes gently: the client may still be
    /// sending, and closing with unread data would reset the connection and lose the answer.
    private func refuse(_ problem: HTTPHeadProblem) async {
        guard await send(Self.response(for: problem), keepAlive: false, includeBody: true) else { return }
        _ = shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        // Discard what is still coming: at most 1 MiB, for at most a second.
        let socket = self.socket
        let deadline = ContinuousClock.now.advanced(by: .seconds(1))
        var discarded = 0
        while discarded < 1 << 20, case .bytes(let bytes) = await HTTPHeadReader.read({ try await socket.read(atMost: 65536) }, until: deadline) {
            discarded += bytes.count
        }
    }

    @discardableResult
    private func send(_ response: HTTPResponse, keepAlive: Bool, includeBody: Bool) async -> Bool {
        do {
            try await socket.write(Data(response.serialized(keepAlive: keepAlive, includeBody: includeBody)))
            return true
        } catch {
            return false
        }
    }

    /// Server-Sent Events until the page goes away or the server stops. The response has no
    /// length: it ends when the connection closes, which HTTP/1.1 allows.
    private func streamEvents() async {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
            + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
            // Reconnect after a second when the server goes away (a restart).
            + "retry: 1000\n\n"
        guard (try? await socket.write(Data(head.utf8))) != nil else { return }
        let (id, events) = await live.listen()
        // The only writer on this socket from here on: heartbeats come through the same stream.
        for await event in events {
            guard (try? await socket.write(Data(event.serverSentEvent.utf8))) != nil else { break }
        }
        await live.stopListening(id)
    }
}
