import Foundation
import SwitchboardKit

/// Every file of one successful build, by site path, in memory. The server answers only from
/// this map: nothing outside the built site can be served, a symbolic link cannot lead out of
/// it, and a failed rebuild simply leaves the previous snapshot in place.
public struct SiteSnapshot: Sendable, Equatable {
    /// By site path. Every file's contents are bytes: `load` makes or reads the others.
    private var files: [String: OutputFile] = [:]

    public init() {}

    public init(files: [String: [UInt8]]) {
        for (path, bytes) in files {
            if let file = OutputFile(path: path, contents: .bytes(bytes)) { self.files[path] = file }
        }
    }

    /// Takes a build's files; files the build makes when written are made now, and those it
    /// copies from the hub (images, PDFs) are read now, so the snapshot stays the build's even
    /// if the source changes later. The build's table is kept as it is: a rebuild in `serve`
    /// changes a page or two of thousands, and copying every page into a table of our own
    /// would cost more than rendering them.
    public static func load(_ outputs: [String: OutputFile]) -> Result<SiteSnapshot, SnapshotError> {
        var snapshot = SiteSnapshot()
        snapshot.files = outputs
        for (path, output) in outputs {
            switch output.contents {
            case .bytes:
                continue
            case .made:
                snapshot.files[path] = output.materialized
            case .copy(let source):
                guard let bytes = FileBytes.contents(of: source),
                      let file = OutputFile(path: output.path, contents: .bytes(bytes)) else {
                    return .failure(SnapshotError(path: output.path, source: source))
                }
                snapshot.files[path] = file
            }
        }
        return .success(snapshot)
    }

    public subscript(path: String) -> [UInt8]? { files[path].map(Self.bytes) }

    public var isEmpty: Bool { files.isEmpty }

    /// Every site path, sorted.
    public var paths: [String] { files.keys.sorted() }

    private static func bytes(_ file: OutputFile) -> [UInt8] {
        if case .bytes(let bytes) = file.contents { return bytes }
        return []  // not reached: `load` made every file bytes
    }

    public static func == (a: SiteSnapshot, b: SiteSnapshot) -> Bool {
        a.files.count == b.files.count && a.files.allSatisfy { path, file in b.files[path].map { bytes($0) == bytes(file) } ?? false }
    }

    /// Site paths added, changed or removed since `old`, sorted.
    public func changes(since old: SiteSnapshot) -> SiteChanges {
        var changed: [String] = []
        for (path, file) in files where old.files[path].map({ Self.bytes($0) != Self.bytes(file) }) ?? true { changed.append(path) }
        for path in old.files.keys where files[path] == nil { changed.append(path) }
        return SiteChanges(paths: changed.sorted())
    }
}

/// What a rebuild changed in the served site.
public struct SiteChanges: Sendable, Equatable {
    /// Site paths added, changed or removed, sorted.
    public var paths: [String]

    public var isEmpty: Bool { paths.isEmpty }
    /// How many of them are pages.
    public var pageCount: Int { paths.filter { $0.hasSuffix(".html") }.count }
}

/// A file the build meant to copy could not be read (it vanished between build and snapshot).
public struct SnapshotError: Error, Sendable, Equatable {
    public var path: String
    public var source: String

    public var diagnostic: Diagnostic {
        .error(.unreadableFile, "cannot read '\(source)' to serve it as '\(path)'", at: nil, hint: "the file changed during the build; save again to rebuild")
    }
}
