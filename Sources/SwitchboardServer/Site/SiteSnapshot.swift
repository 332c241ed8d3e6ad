import Foundation
import SwitchboardKit

/// Every file of one successful build, by site path, in memory. The server answers only from
/// this map: nothing outside the built site can be served, a symbolic link cannot lead out of
/// it, and a failed rebuild simply leaves the previous snapshot in place.
public struct SiteSnapshot: Sendable, Equatable {
    public private(set) var files: [String: [UInt8]] = [:]

    public init() {}

    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    /// Reads a build's files into memory; files the build copies from the hub (images, PDFs)
    /// are read now, so the snapshot stays the build's even if the source changes later.
    public static func load(_ outputs: some Collection<OutputFile>) -> Result<SiteSnapshot, SnapshotError> {
        var files: [String: [UInt8]] = [:]
        files.reserveCapacity(outputs.count)
        for output in outputs {
            switch output.contents {
            case .bytes(let bytes):
                files[output.path] = bytes
            case .made(let make):
                files[output.path] = make()
            case .copy(let source):
                guard let data = FileManager.default.contents(atPath: source) else {
                    return .failure(SnapshotError(path: output.path, source: source))
                }
                files[output.path] = [UInt8](data)
            }
        }
        return .success(SiteSnapshot(files: files))
    }

    public subscript(path: String) -> [UInt8]? { files[path] }

    public var isEmpty: Bool { files.isEmpty }

    /// Site paths added, changed or removed since `old`, sorted.
    public func changes(since old: SiteSnapshot) -> SiteChanges {
        var changed: [String] = []
        for (path, bytes) in files where old.files[path] != bytes { changed.append(path) }
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
