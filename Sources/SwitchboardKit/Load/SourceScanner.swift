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

    /// Regular files below `directory`, as paths relative to it.
    static func walk(_ directory: URL, realRoot: String, relativeTo label: String, diagnostics: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        var stack: [(URL, String)] = [(directory, "")]
        var visited = Set<String>()
        while let (dir, prefix) = stack.popLast() {
            let real = dir.resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }  // a symlink loop
            guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let url = dir.appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                let values = try? url.resourceValues(forKeys: [.isSymbolicLinkKey])
                if values?.isSymbolicLink == true {
                    let target = url.resolvingSymlinksInPath().path
                    guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                        diagnostics.append(.warning(.symlinkOutside, "symbolic link '\(label)/\(relative)' points outside the hub and is ignored",
                                                    at: SourceLocation(file: "\(label)/\(relative)"),
                                                    hint: "copy the file into the hub instead of linking to it"))
                        continue
                    }
                }
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }  // dangling link
                if isDirectory.boolValue {
                    stack.append((url, relative))
                } else {
                    result.append(relative)
                }
            }
        }
        return result
    }
}
