import FlyingSocks

/// Watches content/ and templates/ of a hub and reports changed paths (relative to the hub
/// root): with inotify on Linux, by polling elsewhere or when inotify is not available.
public struct FileWatcher: Sendable {
    public enum Method: String, Sendable {
        case inotify
        case polling
    }

    public let root: String
    /// Forces polling, for systems where inotify misbehaves (some network file systems).
    public var forcePolling = false
    public var pollInterval: Duration = .milliseconds(500)

    public init(root: String, forcePolling: Bool = false) {
        self.root = root
        self.forcePolling = forcePolling
    }

    /// Watches until cancelled. `started` is told which method is in use once changes are
    /// being seen (again if inotify fails later and polling takes over).
    public func run(pool: any AsyncSocketPool, started: (Method) -> Void, report: (Set<String>) async -> Void) async {
        #if canImport(Glibc)
        if !forcePolling, let inotify = InotifyWatcher(root: root) {
            started(.inotify)
            if await inotify.run(pool: pool, report: report) { return }
        }
        #endif
        await PollingWatcher(root: root, interval: pollInterval).run(started: { started(.polling) }, report: report)
    }
}
