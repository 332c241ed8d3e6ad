import FlyingSocks
import Foundation

/// A listening TCP socket, bound before anything else happens so that the port (chosen by the
/// system when 0 is asked for) is known to the build, whose base URL carries it.
///
/// Why FlyingSocks and our own HTTP: FlyingSocks (the socket layer of FlyingFox) gives
/// non-blocking sockets driven by epoll/kqueue with async/await and nothing else, so there is
/// no thread of ours and no event loop to write. FlyingFox's own HTTP layer is not used
/// because it reads header lines without a size limit and normalises request paths before a
/// handler sees them; the dev server needs the raw target (to refuse `..` and encoded slashes
/// itself) and a hard cap on what a client can make it buffer. The HTTP it needs — GET and
/// HEAD, heads only, no bodies — is a few small files here.
public struct HTTPListener: Sendable {
    public let host: String
    public let port: UInt16
    let socket: Socket

    public enum BindError: Error, Sendable, Equatable {
        case badHost(String)
        case cannotBind(host: String, port: UInt16, reason: String)

        public var message: String {
            switch self {
            case .badHost(let host):
                return "--host '\(host)' is not an IP address; use 127.0.0.1 (the default), ::1, localhost, or 0.0.0.0 to listen on every interface"
            case .cannotBind(let host, let port, let reason):
                return "cannot listen on \(host):\(port): \(reason)"
            }
        }
    }

    /// Binds and listens. `host` is an IPv4 or IPv6 literal, or `localhost` (127.0.0.1).
    public static func bind(host: String, port: UInt16) -> Result<HTTPListener, BindError> {
        let literal = host == "localhost" ? "127.0.0.1" : host
        do {
            let socket: Socket
            if literal.contains(":") {
                guard let address = try? sockaddr_in6.inet6(ip6: literal, port: port) else { return .failure(.badHost(host)) }
                socket = try Socket(domain: AF_INET6, type: .stream)
                try socket.setValue(true, for: .localAddressReuse)
                try socket.bind(to: address)
            } else {
                guard let address = try? sockaddr_in.inet(ip4: literal, port: port) else { return .failure(.badHost(host)) }
                socket = try Socket(domain: AF_INET, type: .stream)
                try socket.setValue(true, for: .localAddressReuse)
                try socket.bind(to: address)
            }
            try socket.listen(maxPendingConnection: 64)
            var boundPort = port
            switch try socket.sockname() {
            case .ip4(_, let p), .ip6(_, let p): boundPort = p
            case .unix: break
            }
            return .success(HTTPListener(host: host, port: boundPort, socket: socket))
        } catch let error as SocketError {
            if case .failed(_, let code, _) = error, code == EADDRINUSE {
                return .failure(.cannotBind(host: host, port: port, reason: "the port is in use (try --port \(port == 8080 ? 8081 : 8080), or --port 0 for any free port)"))
            }
            return .failure(.cannotBind(host: host, port: port, reason: error.localizedDescription))
        } catch {
            return .failure(.cannotBind(host: host, port: port, reason: "\(error)"))
        }
    }

    /// `http://127.0.0.1:8080/`; an IPv6 host is bracketed, and a wildcard host is shown as
    /// localhost, since that is the address a browser on this machine can use.
    public var url: String {
        var name = host
        if host == "0.0.0.0" || host == "::" { name = "localhost" }
        if name.contains(":") { name = "[\(name)]" }
        return "http://\(name):\(port)/"
    }

    /// Accepts connections until cancelled and runs `handle` for each in a child task; the
    /// handler owns the socket and closes it.
    func acceptConnections(pool: any AsyncSocketPool, handle: @escaping @Sendable (AsyncSocket) async -> Void) async {
        guard let listening = try? AsyncSocket(socket: socket, pool: pool) else { return }
        // A discarding group frees each finished connection at once; older macOS lacks it.
        if #available(macOS 14.0, *) {
            await withDiscardingTaskGroup { group in
                await Self.accept(on: listening) { connection in group.addTask { await handle(connection) } }
            }
        } else {
            await withTaskGroup(of: Void.self) { group in
                await Self.accept(on: listening) { connection in group.addTask { await handle(connection) } }
            }
        }
    }

    private static func accept(on listening: AsyncSocket, spawn: (AsyncSocket) -> Void) async {
        while !Task.isCancelled {
            guard let connection = try? await listening.accept() else {
                if Task.isCancelled { break }
                // EMFILE and friends: wait a little instead of spinning.
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            spawn(connection)
        }
    }

    public func close() {
        try? socket.close()
    }
}
