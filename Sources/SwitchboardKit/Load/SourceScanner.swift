import Foundation

/// Lists the files of a hub: Markdown and data under content/, templates and assets under
/// templates/. Hidden files are skipped; a symbolic link is followed only when it stays
/// inside the hub, so a link to /etc can never leak into the published site.
public struct SourceScan: Sendable {
    /// Paths relative to content/, sorted.
    public var markdown: [String] = []
    /// Other files under content/ (not hub.yml, not under data/), copied as they are.
    public var contentFiles: [String] = []
    /// Files under content/data/.
    public var dataFiles: [String] = []
    /// Paths relative to templates/ of `*.mustache` files.
    public var templates: [String] = []
    /// Paths relative to templates/assets/.
    public var assets: [String] = []
    public var diagnostics: [Diagnostic] = []
}

public enum SourceScanner {
    public static func scan(root: String) -> SourceScan {
        var scan = SourceScan()
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let realRoot = rootURL.resolvingSymlinksInPath().path
        for file in walk(rootURL.appendingPathComponent("content"), realRoot: realRoot, relativeTo: "content", diagnostics: &scan.diagnostics) {
            if file == "hub.yml" { continue }
            if file.hasPrefix("data/") { scan.dataFiles.append(file) }
            else if file.hasSuffix(".md") { scan.markdown.append(file) }
            else { scan.contentFiles.append(file) }
        }
        for file in walk(rootURL.appendingPathComponent("templates"), realRoot: realRoot, relativeTo: "templates", diagnostics: &scan.diagnostics) {
            if file.hasPrefix("assets/") { scan.assets.append(String(file.dropFirst("assets/".count))) }
            else if file.hasSuffix(".mustache") { scan.templates.append(file) }
        }
        scan.markdown.sort(); scan.contentFiles.sort(); scan.dataFiles.sort(); scan.templates.sort(); scan.assets.sort()
        return scan
    }

    /// Regular files below `directory`, as paths relative to it. Reads folders with
    /// `readdir` (its file types save a `stat` per file); only symbolic links are resolved.
    static func walk(_ directory: URL, realRoot: String, relativeTo label: String, diagnostics: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        var stack: [(String, String)] = [(directory.path, "")]
        var visited = Set<String>()
        while let (dir, prefix) = stack.popLast() {
            let real = URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }  // a symlink loop
            guard let handle = opendir(dir) else { continue }
            var entries: [(name: String, type: UInt8)] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                entries.append((name, entry.pointee.d_type))
            }
            closedir(handle)
            for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var isDirectory = type == UInt8(DT_DIR)
                var isFile = type == UInt8(DT_REG)
                // The full path only where it is needed: for the folders, and for the links
                // and unknown types that must be looked at (not for every one of ten thousand files).
                var path: String { dir + "/" + name }
                if type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) {
                    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    if type == UInt8(DT_LNK) && !(target == realRoot || target.hasPrefix(realRoot + "/")) {
                        diagnostics.append(.warning(.symlinkOutside, "symbolic link '\(label)/\(relative)' points outside the hub and is ignored",
                                                    at: SourceLocation(file: "\(label)/\(relative)"),
                                                    hint: "copy the file into the hub instead of linking to it"))
                        continue
                    }
                    var info = stat()
                    guard stat(path, &info) == 0 else { continue }  // dangling link
                    isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                    isFile = (info.st_mode & S_IFMT) == S_IFREG
                }
                if isDirectory {
                    stack.append((path, relative))
                } else if isFile {
                    result.append(relative)
                }
            }
        }
        return result
    }
}
