import Foundation

/// Writes the site so that a reader never sees half of it and a failed build loses nothing:
/// everything goes into a staging folder beside the output, which then replaces the output
/// in two renames. Until the swap the previous output is untouched; after a failure the
/// staging folder is removed.
public enum OutputWriter {
    /// A marker that says "Switchboard made this folder", so we never replace a folder full
    /// of someone's files because `--output` pointed at it by mistake.
    public static let marker = ".switchboard-output"

    public static func publish(_ files: [OutputFile], to output: String) -> [Diagnostic] {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let old = parent.appendingPathComponent(".\(name).old-\(pid)")
        let place = SourceLocation(file: output)

        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: outputURL.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            return [.error(.outputFailed, "the output '\(output)' exists and is not a folder", at: place, hint: "choose another --output")]
        }
        if exists, let items = try? fm.contentsOfDirectory(atPath: outputURL.path),
           items.contains(where: { !$0.hasPrefix(".") }), !items.contains(marker) {
            return [.error(.outputFailed, "the output folder '\(output)' holds files Switchboard did not write; refusing to replace it",
                           at: place, hint: "empty it, or point --output at a new folder")]
        }

        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var made = Set<String>()
            for file in files {
                let target = staging.appendingPathComponent(file.path)
                let directory = target.deletingLastPathComponent().path
                if !made.contains(directory) {
                    try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    made.insert(directory)
                }
                switch file.contents {
                case .bytes(let bytes):
                    try write(bytes, to: target.path)
                case .copy(let source):
                    try fm.copyItem(atPath: source, toPath: target.path)
                }
            }
            try write(Array("This folder is written by switchboard build; it is replaced on every build.\n".utf8),
                      to: staging.appendingPathComponent(marker).path)
            // Keep the output's own dot-files and folders (.git, .gitkeep, .nojekyll).
            if exists, let items = try? fm.contentsOfDirectory(atPath: outputURL.path) {
                for item in items where item.hasPrefix(".") && item != marker {
                    try fm.copyItem(at: outputURL.appendingPathComponent(item), to: staging.appendingPathComponent(item))
                }
            }
        } catch {
            try? fm.removeItem(at: staging)
            return [.error(.outputFailed, "could not write the site: \(describe(error))", at: place,
                           hint: "check free space and permissions; the previous output is unchanged")]
        }

        do {
            if exists { try fm.moveItem(at: outputURL, to: old) }
            do {
                try fm.moveItem(at: staging, to: outputURL)
            } catch {
                if exists { try? fm.moveItem(at: old, to: outputURL) }
                throw error
            }
            if exists { try? fm.removeItem(at: old) }
        } catch {
            try? fm.removeItem(at: staging)
            return [.error(.outputFailed, "could not replace '\(output)': \(describe(error))", at: place,
                           hint: "check permissions on the folder that holds the output; the previous output is unchanged")]
        }
        return []
    }

    /// One open, one write, one close.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Foundation.write(fd, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += n
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
