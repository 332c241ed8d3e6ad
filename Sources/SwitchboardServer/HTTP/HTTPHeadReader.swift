/// Reads request heads off one connection, at most `limit` bytes each and within a deadline,
/// keeping whatever follows a head (a pipelined request) for the next call.
struct HTTPHeadReader {
    enum Outcome: Equatable {
        /// The bytes before the blank line.
        case head([UInt8])
        /// The client closed the connection (or it failed) between requests.
        case closed
        case problem(HTTPHeadProblem)
    }

    /// 16 KiB is far more than any browser sends and small enough that a client cannot make
    /// the server hold much memory.
    static let defaultLimit = 16 * 1024

    /// Reads whatever the connection has next, up to a few KiB; throws when it is closed.
    let read: @Sendable () async throws -> [UInt8]
    var limit = defaultLimit
    private var buffer: [UInt8] = []

    init(limit: Int = defaultLimit, read: @escaping @Sendable () async throws -> [UInt8]) {
        self.limit = limit
        self.read = read
    }

    /// The next head, or why there is none. A slow client gets `timeout` for the whole head
    /// (not per read), so trickling a byte at a time does not keep a connection open.
    mutating func next(timeout: Duration) async -> Outcome {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let (headEnd, restStart) = Self.endOfHead(in: buffer) {
                guard headEnd <= limit else { return .problem(.tooLarge) }
                let head = Array(buffer[..<headEnd])
                buffer.removeFirst(restStart)
                return .head(head)
            }
            guard buffer.count <= limit else { return .problem(.tooLarge) }
            switch await Self.read(read, until: deadline) {
            case .bytes(let bytes): buffer += bytes
            case .closed: return buffer.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) ? .closed : .problem(.malformed)
            case .timedOut: return buffer.isEmpty ? .closed : .problem(.timedOut)
            }
        }
    }

    enum Chunk: Sendable {
        case bytes([UInt8])
        case closed
        case timedOut
    }

    /// One read raced against the deadline; the loser is cancelled.
    static func read(_ read: @escaping @Sendable () async throws -> [UInt8], until deadline: ContinuousClock.Instant) async -> Chunk {
        await withTaskGroup(of: Chunk?.self) { group in
            group.addTask {
                do {
                    let bytes = try await read()
                    return bytes.isEmpty ? .closed : .bytes(bytes)
                } catch {
                    return .closed
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return .timedOut
                } catch {
                    return nil  // cancelled: the read won, or the whole server is stopping
                }
            }
            var result = Chunk.closed
            for await chunk in group {
                if let chunk {
                    result = chunk
                    break
                }
            }
            group.cancelAll()
            return result
        }
    }

    /// Where the head ends (before the blank line) and where the next bytes start, accepting
    /// bare LF line ends as RFC 9112 §2.2 allows.
    static func endOfHead(in bytes: [UInt8]) -> (headEnd: Int, restStart: Int)? {
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }
}
