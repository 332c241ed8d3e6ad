import SwitchboardKit

/// Turns a raw request target into a site path of the built site, strictly.
///
/// The site is served from memory, so no request can reach a file outside it whatever its
/// path; this is the second wall. Each segment is percent-decoded exactly once, and a request
/// is refused when a segment is `.` or `..`, hidden, empty (`//`), or decodes to a slash,
/// backslash, NUL or other control character. Refused paths get 404, like paths that do not
/// exist, so probing tells nothing; targets that are not paths or not valid percent-encoded
/// UTF-8 get 400.
public enum RequestPath {
    public enum Resolution: Sendable, Equatable {
        /// A file of the site, by site path (`kpis/aht/index.html`).
        case file(String)
        /// `/kpis/aht` when `/kpis/aht/` exists: the Location to redirect to.
        case redirect(String)
        /// Under `/__switchboard/`: the rest of the path (`events`).
        case reserved(String)
        case notFound
        case badRequest
    }

    /// The folder of the server's own endpoints; no site path can start with it in practice,
    /// and if one did, the server's endpoints win.
    public static let reservedFolder = "__switchboard"

    public static func resolve(_ target: String, exists: (String) -> Bool) -> Resolution {
        guard target.hasPrefix("/") else { return .badRequest }  // absolute-form, `*`, garbage
        let path: Substring
        var query: Substring = ""
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        } else {
            path = target[...]
        }
        guard !path.contains("#") else { return .badRequest }

        var rawSegments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let isFolder = rawSegments.last == ""
        if isFolder { rawSegments.removeLast() }

        var segments: [String] = []
        for raw in rawSegments {
            guard !raw.isEmpty, !raw.contains("\\") else { return .notFound }
            switch decode(raw) {
            case .none: return .badRequest
            case .some(let segment):
                guard !segment.isEmpty, segment != ".", segment != "..", !segment.hasPrefix("."),
                      !segment.contains("/"), !segment.contains("\\") else { return .notFound }
                guard !segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return .badRequest }
                segments.append(segment)
            }
        }

        if segments.first == reservedFolder {
            return .reserved(segments.dropFirst().joined(separator: "/"))
        }
        let sitePath = segments.joined(separator: "/")
        if isFolder || segments.isEmpty {
            let index = sitePath.isEmpty ? "index.html" : sitePath + "/index.html"
            return OutputFile.isSafe(index) && exists(index) ? .file(index) : .notFound
        }
        guard OutputFile.isSafe(sitePath) else { return .notFound }
        if exists(sitePath) { return .file(sitePath) }
        if exists(sitePath + "/index.html") {
            return .redirect(String(path) + "/" + (query.isEmpty ? "" : "?" + query))
        }
        return .notFound
    }

    /// Percent-decodes once; nil when an escape is malformed or the bytes are not UTF-8.
    static func decode(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = segment.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        // Decoding repairs invalid UTF-8; a changed round trip means there was some.
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.utf8) == bytes ? text : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The URL path a site file is reached at: `kpis/aht/index.html` → `/kpis/aht/`.
    /// Live-reload events name changed pages this way, and pages compare it with their own.
    public static func urlPath(ofSitePath path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }
}
