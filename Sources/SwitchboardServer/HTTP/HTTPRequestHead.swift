import Foundation

/// The request line and headers of an HTTP/1.x request: all the dev server ever reads, since
/// it answers GET and HEAD only and never reads a body.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// The request target exactly as sent (`/kpis/aht/?x=1`), still percent-encoded.
    public var target: String
    /// `HTTP/1.0` or `HTTP/1.1`.
    public var version: String
    /// Header values by lower-case name; repeated headers are joined with ", ".
    public var headers: [String: String]

    public init(method: String, target: String, version: String = "HTTP/1.1", headers: [String: String] = [:]) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// Whether the client wants the connection kept open after this request.
    public var keepAlive: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        let tokens = connection.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    /// Whether a body follows the head. We never read one, so such a request ends the connection.
    public var hasBody: Bool {
        if headers["transfer-encoding"] != nil { return true }
        if let length = headers["content-length"] { return length.trimmingCharacters(in: .whitespaces) != "0" }
        return false
    }
}

/// Why a request head could not be read; each maps to the status the server answers with
/// before closing the connection.
public enum HTTPHeadProblem: Error, Sendable, Equatable {
    /// Not HTTP/1.x, a bad request line, a header without a colon, bytes outside visible ASCII.
    case malformed
    /// More than the head limit before the blank line.
    case tooLarge
    /// The client sent too little in too long.
    case timedOut
}

extension HTTPRequestHead {
    /// Parses the bytes before the blank line. Strict on purpose: a development server has no
    /// reason to accept odd requests, and every odd request it refuses is one less way in.
    public static func parse(_ bytes: some Collection<UInt8>) -> Result<HTTPRequestHead, HTTPHeadProblem> {
        // Visible ASCII, spaces and tabs, and line ends only.
        guard bytes.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return .failure(.malformed) }
        // Split bytes, not characters: to Swift, "\r\n" is one Character and never equals "\n".
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
        }
        // RFC 9112 §2.2: a server should ignore empty lines before the request line.
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first else { return .failure(.malformed) }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && ($0.isUppercase || $0 == "-") }),
              parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { return .failure(.malformed) }

        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            // Obsolete line folding (a line starting with whitespace) is refused (RFC 9112 §5.2).
            guard let colon = line.firstIndex(of: ":"), line.first != " ", line.first != "\t" else { return .failure(.malformed) }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy(Self.isTokenCharacter) else { return .failure(.malformed) }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let key = name.lowercased()
            if let existing = headers[key] {
                // Two Content-Length or Host headers are how request smuggling starts.
                if key == "content-length" || key == "host" { return .failure(.malformed) }
                headers[key] = existing + ", " + value
            } else {
                headers[key] = value
            }
        }
        return .success(HTTPRequestHead(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers))
    }

    static func isTokenCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "!#$%&'*+-.^_`|~".contains(c))
    }
}
