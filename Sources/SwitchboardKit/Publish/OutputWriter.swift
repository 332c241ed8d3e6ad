import Foundation

/// Writes the site so that a reader never sees half of it and a failed build loses nothing:
/// everything goes into a staging folder beside the output, which then replaces the output
/// in two renames. Until the swap the previous output is untouched; after a failure the
/// staging folder is removed.
///
/// Files are written as soon as they are rendered (from any task: every file has its own
/// path), so the whole site never has to sit in memory.
public struct OutputStaging: Sendable {
    /// A marker that says "Switchboard made this folder", so we never replace a folder full
    /// of someone's files because `--output` pointed at it by mistake.
    public static let marker = ".switchboard-output"

    let output: URL
    let staging: URL
    /// `staging.path`, made once rather than for every file written.
    let stagingPath: String
    let old: URL
    let outputExists: Bool
    let place: SourceLocation

    /// Checks the output folder and creates an empty staging folder beside it.
    public static func begin(output: String) -> Result<OutputStaging, Diagnostic> {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let place = SourceLocation(file: output)
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: outputURL.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            return .failure(.error(.outputFailed, "the output '\(output)' exists and is not a folder", at: place, hint: "choose another --output"))
        }
        if exists, let items = try? fm.contentsOfDirectory(atPath: outputURL.path),
           items.contains(where: { !$0.hasPrefix(".") }), !items.contains(marker) {
            return .failure(.error(.outputFailed, "the output folder '\(output)' holds files Switchboard did not write; refusing to replace it",
                                   at: place, hint: "empty it, or point --output at a new folder"))
        }
        let stagingURL = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let staging = OutputStaging(output: outputURL, staging: stagingURL, stagingPath: stagingURL.path,
                                    old: parent.appendingPathComponent(".\(name).old-\(pid)"), outputExists: exists, place: place)
        try? fm.removeItem(at: staging.staging)
        do {
            try fm.createDirectory(at: staging.staging, withIntermediateDirectories: true)
        } catch {
            return .failure(.error(.outputFailed, "could not create the staging folder: \(OutputStaging.describe(error))", at: place,
                                   hint: "check free space and permissions on the folder that holds the output"))
        }
        return .success(staging)
    }

    /// Creates, parents first, every folder the files at `paths` go into. Done once before any
    /// file is written, so that a write is one `open` instead of a failed `open`, a `mkdir` per
    /// folder on the way and a second `open` (on 10,000 pages, 20,000 system calls fewer).
    public func makeFolders(for paths: some Sequence<String>) throws {
        // A folder sorts before everything inside it ("a" < "a/b"), so parents come first.
        for folder in OutputFile.folders(of: paths.lazy.filter(OutputFile.isSafe)).sorted() {
            let path = stagingPath + "/" + folder
            if path.withCString({ mkdir($0, 0o755) }) != 0 && errno != EEXIST {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
    }

    /// Writes one file into the staging folder, into the folder `makeFolders` made for it.
    public func write(_ file: OutputFile) throws {
        var target = stagingPath
        target.reserveCapacity(stagingPath.utf8.count + file.path.utf8.count + 1)
        target += "/"
        target += file.path
        switch file.contents {
        case .bytes(let bytes): try Self.write(bytes, to: target)
        case .made(let make): try Self.write(make(), to: target)
        case .copy(let source): try FileManager.default.copyItem(atPath: source, toPath: target)
        }
    }

    /// Writes the marker, keeps the old output's dot-files, and swaps the staging folder in.
    public func commit(outputID: UInt64 = 0) -> [Diagnostic] {
        let fm = FileManager.default
        do {
            try Self.write(Marker.text(for: outputID), to: staging.appendingPathComponent(Self.marker).path)
            // Keep the output's own dot-files and folders (.git, .gitkeep, .nojekyll).
            if outputExists, let items = try? fm.contentsOfDirectory(atPath: output.path) {
                for item in items where item.hasPrefix(".") && item != Self.marker {
                    try fm.copyItem(at: output.appendingPathComponent(item), to: staging.appendingPathComponent(item))
                }
            }
        } catch {
            abort()
            return [.error(.outputFailed, "could not write the site: \(Self.describe(error))", at: place,
                           hint: "check free space and permissions; the previous output is unchanged")]
        }
        do {
            if outputExists { try fm.moveItem(at: output, to: old) }
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                if outputExists { try? fm.moveItem(at: old, to: output) }
                throw error
            }
            if outputExists { try? fm.removeItem(at: old) }
        } catch {
            abort()
            return [.error(.outputFailed, "could not replace '\(output.path)': \(Self.describe(error))", at: place,
                           hint: "check permissions on the folder that holds the output; the previous output is unchanged")]
        }
        return []
    }

    /// Removes the staging folder; the output stays as it was.
    public func abort() {
        try? FileManager.default.removeItem(at: staging)
    }

    public func failure(_ error: Error) -> Diagnostic {
        Self.failure(error, at: place.file)
    }

    static func failure(_ error: Error, at output: String) -> Diagnostic {
        .error(.outputFailed, "could not write the site: \(describe(error))", at: SourceLocation(file: output),
               hint: "check free space and permissions; the previous output is unchanged")
    }

    // MARK: system calls

    /// One open, one write, one close.
    static func write(_ bytes: [UInt8], to path: String) throws {
        // (`withCString`: a String passed straight to C is first copied into an array.)
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if let code = writeAll(bytes, to: fd) {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        guard close(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Writes all of `bytes` to an open file, however many calls it takes; the error number if
    /// one fails.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
    }

    /// `mkdir -p` of the folders of `relativePath` below `root`; tolerant of other tasks
    /// creating the same folders at the same time.
    static func makeDirectories(for relativePath: String, under root: String) throws {
        var path = root
        for component in relativePath.split(separator: "/").dropLast() {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
    }

    static func describe(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

/// Writes a complete list of files in one go (staging, swap). The build streams instead;
/// this is for callers that already hold every file.
public enum OutputWriter {
    public static let marker = OutputStaging.marker

    public static func publish(_ files: [OutputFile], to output: String) -> [Diagnostic] {
        let staging: OutputStaging
        switch OutputStaging.begin(output: output) {
        case .failure(let d): return [d]
        case .success(let s): staging = s
        }
        do {
            try staging.makeFolders(for: files.lazy.map(\.path))
            for file in files { try staging.write(file) }
        } catch {
            staging.abort()
            return [staging.failure(error)]
        }
        return staging.commit()
    }
}
