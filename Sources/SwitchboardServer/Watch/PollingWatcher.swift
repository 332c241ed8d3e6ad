import Foundation

/// Finds changes by looking: every `interval` it lists the watched folders with each file's
/// modification time and size, and reports what differs from the last look. The fallback
/// where inotify is missing (macOS, BSD) or fails; costs a directory walk per interval.
struct PollingWatcher: Sendable {
    let root: String
    var interval: Duration = .milliseconds(500)

    struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    /// `started` is called once the first listing is taken: changes from then on are seen.
    func run(started: () -> Void, report: (Set<String>) async -> Void) async {
        var last = scan()
        started()
        while (try? await Task.sleep(for: interval)) != nil {
            let now = scan()
            let changed = Self.differences(last, now)
            last = now
            if !changed.isEmpty { await report(changed) }
        }
    }

    static func differences(_ old: [String: Stamp], _ new: [String: Stamp]) -> Set<String> {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed
    }

    /// Every relevant file under the watched folders, by path relative to the root.
    func scan() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in WatchFilter.folders {
            let base = URL(fileURLWithPath: root).appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { continue }
            let prefix = base.standardizedFileURL.path + "/"
            for case let url as URL in walker {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                let path = url.standardizedFileURL.path
                guard path.hasPrefix(prefix) else { continue }
                let relative = folder + "/" + path.dropFirst(prefix.count)
                guard WatchFilter.isRelevant(relative) else { continue }
                stamps[relative] = Stamp(modified: values.contentModificationDate, size: values.fileSize)
            }
        }
        return stamps
    }
}
