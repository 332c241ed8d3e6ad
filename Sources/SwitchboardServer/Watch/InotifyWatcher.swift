#if canImport(Glibc)
import FlyingSocks
import Foundation
import Glibc

/// Linux's change notifications: one inotify watch per folder under content/ and templates/,
/// added as folders appear. The inotify descriptor is non-blocking and waited on through the
/// server's socket pool (epoll), so no thread ever blocks in read().
struct InotifyWatcher {
    let root: String
    private let descriptor: Int32
    /// Watch descriptor → folder relative to the root (`content/kpis`).
    private var folders: [Int32: String] = [:]

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    /// Nil when inotify cannot be had (not allowed, out of instances): poll instead.
    init?(root: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.root = root
        descriptor = fd
        for folder in WatchFilter.folders { _ = addTree(folder) }
        guard !folders.isEmpty else {
            close(fd)
            return nil
        }
    }

    /// Reports changes until cancelled (true) or until inotify fails (false: poll instead).
    /// Consumes the watcher: the descriptor is closed on return.
    consuming func run(pool: any AsyncSocketPool, report: (Set<String>) async -> Void) async -> Bool {
        defer { close(descriptor) }
        let readiness = Socket(file: Socket.FileDescriptor(rawValue: descriptor))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !Task.isCancelled {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let changed = handle(Array(buffer[0..<count]))
                if !changed.isEmpty { await report(changed) }
                continue
            }
            guard count < 0, errno == EAGAIN || errno == EINTR else { return false }
            do {
                try await pool.suspendSocket(readiness, untilReadyFor: .read)
            } catch {
                return Task.isCancelled
            }
        }
        return true
    }

    /// The paths touched by a buffer of inotify events; watches folders that appeared.
    private mutating func handle(_ bytes: [UInt8]) -> Set<String> {
        var changed = Set<String>()
        var offset = 0
        let headerSize = 16  // wd, mask, cookie, len: four 32-bit fields
        while offset + headerSize <= bytes.count {
            let (wd, mask, length) = bytes.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = bytes[(offset + headerSize)..<min(bytes.count, offset + headerSize + length)].prefix { $0 != 0 }
            offset += headerSize + length
            let name = String(decoding: nameBytes, as: UTF8.self)

            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: say that everything may have changed.
                changed.formUnion(WatchFilter.folders)
                continue
            }
            guard let folder = folders[wd] else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[wd] = nil  // the folder is gone; its parent reports the deletion
                continue
            }
            guard !name.isEmpty else { continue }
            let path = folder + "/" + name
            guard WatchFilter.isRelevant(path) else { continue }
            changed.insert(path)
            if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // Files may have landed in the new folder before its watch existed.
                changed.formUnion(addTree(path))
            }
        }
        return changed
    }

    /// Watches `folder` and every folder below it; returns the relevant files found there.
    private mutating func addTree(_ folder: String) -> Set<String> {
        var found = Set<String>()
        var stack = [folder]
        while let current = stack.popLast() {
            let wd = inotify_add_watch(descriptor, root + "/" + current, Self.mask)
            guard wd >= 0 else { continue }
            folders[wd] = current
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: root + "/" + current) else { continue }
            for name in names where !name.hasPrefix(".") {
                let path = current + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue { stack.append(path) } else if WatchFilter.isRelevant(path) { found.insert(path) }
            }
        }
        return found
    }
}
#endif
