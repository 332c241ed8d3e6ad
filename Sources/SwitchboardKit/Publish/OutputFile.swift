/// A file of the built site: a path checked to stay inside the output folder, and its bytes
/// (or the source file to copy them from).
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case bytes([UInt8])
        case copy(from: String)
        /// Bytes made when the file is written, so that large generated files (exports, the
        /// search index's page files) are not all held in memory until publishing.
        case made(@Sendable () -> [UInt8])
    }

    public let path: String
    public let contents: Contents

    /// Nil when `path` is not a plain relative path: every component non-empty, not `.` or
    /// `..`, not hidden, without backslashes or control characters.
    public init?(path: String, contents: Contents) {
        guard OutputFile.isSafe(path) else { return nil }
        self.path = path
        self.contents = contents
    }

    public init?(path: String, text: String) {
        self.init(path: path, contents: .bytes(Array(text.utf8)))
    }

    /// The file with `made` contents made into bytes.
    public var materialized: OutputFile {
        guard case .made(let make) = contents else { return self }
        return OutputFile(checkedPath: path, contents: .bytes(make()))
    }

    private init(checkedPath: String, contents: Contents) {
        path = checkedPath
        self.contents = contents
    }

    /// The folders a file at `path` goes into, the deepest first: `a/b/c.html` → `a/b`, `a`.
    public static func folders(of path: String) -> [Substring] {
        var result: [Substring] = []
        var folder = Substring(path)
        // By byte: a search by Character compares every character of the path as a string.
        while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            folder = folder[..<slash]
            result.append(folder)
        }
        return result
    }

    /// Every folder the files at `paths` go into.
    public static func folders(of paths: some Sequence<String>) -> Set<Substring> {
        var folders = Set<Substring>()
        for path in paths { insertFolders(of: path, into: &folders) }
        return folders
    }

    static func insertFolders(of path: String, into folders: inout Set<Substring>) {
        // Once a folder is known, so are the folders above it.
        for folder in Self.folders(of: path) where !folders.insert(folder).inserted { break }
    }

    public static func isSafe(_ path: String) -> Bool {
        // Byte by byte: every character refused is ASCII, and no byte of a longer UTF-8
        // sequence is below 0x80. Called for every file of every build, several times.
        var path = path  // its bytes read in place, not stepped through the UTF-8 view
        return path.withUTF8(isSafe)
    }

    private static func isSafe(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes = 0, componentLength = 0, componentStart = true
        for byte in path {
            bytes += 1
            if byte == UInt8(ascii: "/") {
                // An empty component: a leading slash, `//`, or a trailing slash.
                if componentStart { return false }
                componentStart = true
                componentLength = 0
                continue
            }
            // `.`, `..` and hidden names all start with a dot.
            if componentStart && byte == UInt8(ascii: ".") { return false }
            if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: ":") { return false }
            componentStart = false
            componentLength += 1
            if componentLength > 255 { return false }
        }
        return bytes > 0 && bytes < 1024 && !componentStart
    }
}
