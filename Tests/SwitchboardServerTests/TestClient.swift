import FlyingSocks
import Foundation

/// A minimal HTTP/1.1 client over real loopback sockets, for the end-to-end tests: one
/// request per connection, and a reader for Server-Sent Events.
enum TestClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func connect(port: UInt16) async throws -> AsyncSocket {
        // Generous: with the whole suite building hubs on two cores, the socket pool that
        // completes the connection can wait its turn for seconds. Not what these tests measure.
        try await AsyncSocket.connected(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port), timeout: 30)
    }

    /// Sends `target` exactly as given (no normalisation, so traversal attempts arrive intact).
    static func get(_ target: String, port: UInt16, method: String = "GET") async throws -> Response {
        let socket = try await connect(port: port)
        defer { try? socket.close() }
        try await socket.write(Data("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8))
        var bytes: [UInt8] = []
        while let chunk = try? await socket.read(atMost: 65536), !chunk.isEmpty { bytes += chunk }
        return try parse(bytes)
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...(max(0, bytes.count - 4))).first(where: { Array(bytes[$0..<min(bytes.count, $0 + 4)]) == separator }) else {
            throw ClientError.noHead
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }

    enum ClientError: Error { case noHead, timedOut }

    /// An open `/__switchboard/events` stream, read event by event.
    struct EventStream {
        let socket: AsyncSocket
        private var buffer = ""

        init(port: UInt16) async throws {
            socket = try await TestClient.connect(port: port)
            try await socket.write(Data("GET /__switchboard/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8))
        }

        /// The next event (name and data), skipping comments and the `retry` field; nil on
        /// timeout or when the stream ends. The timeouts are long for the reason `connect` gives.
        mutating func next(timeout: Duration = .seconds(120)) async -> (name: String, data: String)? {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while true {
                while let range = buffer.range(of: "\n\n") {
                    let block = String(buffer[..<range.lowerBound])
                    buffer.removeSubrange(..<range.upperBound)
                    var name = "", data = ""
                    for line in block.split(separator: "\n") {
                        if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                        if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
                    }
                    if !name.isEmpty { return (name, data) }
                }
                let socket = self.socket
                let chunk: [UInt8]? = await withTaskGroup(of: [UInt8]?.self) { group in
                    group.addTask { try? await socket.read(atMost: 65536) }
                    group.addTask { try? await Task.sleep(until: deadline, clock: .continuous); return nil }
                    let first = await group.next() ?? nil
                    group.cancelAll()
                    return first
                }
                guard let chunk, !chunk.isEmpty else { return nil }
                buffer += String(decoding: chunk, as: UTF8.self)
                // The response head comes first; drop it.
                if let head = buffer.range(of: "\r\n\r\n") { buffer.removeSubrange(..<head.upperBound) }
            }
        }

        /// Events until one named `name`, which is returned.
        mutating func next(named name: String, timeout: Duration = .seconds(120)) async -> String? {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while ContinuousClock.now < deadline {
                guard let event = await next(timeout: deadline - ContinuousClock.now) else { return nil }
                if event.name == name { return event.data }
            }
            return nil
        }

        func close() { try? socket.close() }
    }
}
