import Foundation
import TestFolders
import Testing
@testable import SwitchboardKit

/// Swift Testing has its own `SourceLocation`; in these tests the name means ours.
typealias SourceLocation = SwitchboardKit.SourceLocation

/// Locating the repository and the fixture hubs (this target has no resources: paths come
/// from this file's own location), copying hubs to temporary folders and building them.
enum Hubs {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    /// Tests/SwitchboardTests/ → Tests/ → the repository root, which is the bundled hub.
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder, removed when the test process exits.
    static func temporaryDirectory(_ label: String) -> URL { TestFolders.make(label) }

    /// A fresh copy of `clean-hub` with the files of each overlay fixture laid over it.
    static func fixtureHub(overlays: [String] = [], in parent: URL) throws -> URL {
        let root = parent.appendingPathComponent("hub-" + (overlays.isEmpty ? "clean" : overlays.joined(separator: "+")))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("clean-hub"), to: root)
        for overlay in overlays {
            try merge(fixtures.appendingPathComponent(overlay), into: root)
        }
        return root
    }

    /// Copies every file under `source` to the same relative path under `target`, replacing.
    static func merge(_ source: URL, into target: URL) throws {
        let fm = FileManager.default
        let files = try #require(fm.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]))
        let prefix = source.standardizedFileURL.path + "/"
        for case let url as URL in files where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            let destination = target.appendingPathComponent(relative)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
            try fm.copyItem(at: url, to: destination)
        }
    }

    static func build(_ root: URL, output: URL, baseURL: String? = nil) async -> BuildReport {
        var options = BuildOptions()
        options.root = root.path
        options.output = output.path
        options.baseURL = baseURL
        return await Builder.build(options)
    }

    /// Every regular file under `root`, by relative path, with its bytes (hidden files too).
    static func snapshot(_ root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            result[String(path.dropFirst(prefix.count))] = fm.contents(atPath: path)
        }
        return result
    }

    /// A compact, comparable form of a diagnostic: `file:line:col SBxxx`.
    static func summary(_ d: Diagnostic) -> String {
        "\(d.location?.description ?? "-") \(d.code.id)"
    }
}

/// Reads the links out of written HTML and checks them against the written tree.
struct SiteTree {
    let root: URL
    let files: [String: Data]
    /// The base URL's path: `/` or `/cx-hub/`.
    let basePath: String

    init(root: URL, basePath: String) {
        self.root = root
        self.basePath = basePath
        files = Hubs.snapshot(root)
    }

    var htmlFiles: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

    func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

    static let attribute = try! NSRegularExpression(pattern: #"\b(?:href|src)\s*=\s*"([^"]*)""#)
    static let idAttribute = try! NSRegularExpression(pattern: #"\bid\s*=\s*"([^"]*)""#)

    static func matches(_ regex: NSRegularExpression, in text: String, group: Int = 1) -> [String] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    static func decodeEntities(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every href and src value in an HTML file, entity-decoded.
    func links(in path: String) -> [String] {
        guard let html = text(path) else { return [] }
        return Self.matches(Self.attribute, in: html).map(Self.decodeEntities)
    }

    func ids(in path: String) -> Set<String> {
        guard let html = text(path) else { return [] }
        return Set(Self.matches(Self.idAttribute, in: html).map(Self.decodeEntities))
    }

    static func isExternal(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("mailto:") || lower.hasPrefix("tel:")
            || lower.hasPrefix("//") || lower.hasPrefix("data:")
    }

    /// The written file an internal URL leads to, or a description of why it leads nowhere.
    func target(of url: String, from page: String) -> Result<(file: String, fragment: String?), LinkProblem> {
        var path = url
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        var file: String
        if path.isEmpty {
            file = page
        } else if path.hasPrefix("/") {
            guard path.hasPrefix(basePath) || path + "/" == basePath else {
                return .failure(LinkProblem(page: page, url: url, reason: "does not start with the base path \(basePath)"))
            }
            file = String(path.dropFirst(min(basePath.count, path.count)))
        } else {
            // Relative to the page's folder.
            var parts = page.split(separator: "/").dropLast().map(String.init)
            for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
                if segment == ".." { if parts.popLast() == nil { return .failure(LinkProblem(page: page, url: url, reason: "climbs out")) } }
                else if segment != "." && !segment.isEmpty { parts.append(String(segment)) }
            }
            file = parts.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
        }
        file = file.removingPercentEncoding ?? file
        if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
        guard files[file] != nil else {
            return .failure(LinkProblem(page: page, url: url, reason: "no file \(file)"))
        }
        return .success((file, fragment))
    }

    struct LinkProblem: Error, CustomStringConvertible {
        var page: String
        var url: String
        var reason: String
        var description: String { "\(page): \(url) → \(reason)" }
    }

    /// Every internal link of every page: must lead to a written file and, with a #fragment,
    /// to an element with that id.
    func brokenLinks() -> [LinkProblem] {
        var problems: [LinkProblem] = []
        var idCache: [String: Set<String>] = [:]
        for page in htmlFiles {
            for url in links(in: page) where !Self.isExternal(url) {
                switch target(of: url, from: page) {
                case .failure(let problem):
                    problems.append(problem)
                case .success(let (file, fragment)):
                    guard let fragment, !fragment.isEmpty, file.hasSuffix(".html") else { continue }
                    let ids = idCache[file] ?? ids(in: file)
                    idCache[file] = ids
                    if !ids.contains(fragment) && fragment != "top" {
                        problems.append(LinkProblem(page: page, url: url, reason: "no id '\(fragment)' in \(file)"))
                    }
                }
            }
        }
        return problems
    }

    /// Every internal (root-relative) URL written in the HTML.
    func rootRelativeURLs() -> [(page: String, url: String)] {
        htmlFiles.flatMap { page in
            links(in: page).filter { $0.hasPrefix("/") && !$0.hasPrefix("//") }.map { (page, $0) }
        }
    }
}
