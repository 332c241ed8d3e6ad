import FlyingSocks
import SwitchboardKit

/// `switchboard serve`: builds the hub in memory, serves the last good build over HTTP,
/// watches content/ and templates/, rebuilds on every change and tells open pages to reload
/// or to show the build's errors.
public struct DevServer: Sendable {
    public struct Options: Sendable {
        /// The hub root.
        public var root: String
        public var drafts = false
        /// How long changes must be quiet before a rebuild starts.
        public var quiet: Duration = .milliseconds(100)
        public var forcePolling = false
        public var pollInterval: Duration = .milliseconds(500)
        /// How often open event streams get a comment, so closed pages are noticed.
        public var keepAliveInterval: Duration = .seconds(15)
        /// How long a client may take to send a request head.
        public var headTimeout: Duration = .seconds(10)

        public init(root: String) {
            self.root = root
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// Stopped on request (the task was cancelled: Ctrl-C).
        case stopped
        /// There is no hub to build (no content/hub.yml): nothing was served.
        case unbuildable([Diagnostic])
        /// The event loop could not start or stopped by itself.
        case failed(String)
    }

    public let listener: HTTPListener
    public let options: Options
    let live: LiveSite

    /// - Parameter listener: bound already, so the build knows the port it serves on.
    public init(listener: HTTPListener, options: Options) {
        self.listener = listener
        self.options = options
        live = LiveSite(session: String(UInt32.random(in: .min ... .max), radix: 36))
    }

    /// Builds, then serves and watches until the task is cancelled. Closes the listener.
    public func run(report: @escaping @Sendable (ServeEvent) -> Void) async -> Outcome {
        defer { listener.close() }
        let pool: some AsyncSocketPool = .make()
        do {
            try await pool.prepare()
        } catch {
            return .failed("cannot start the event loop: \(error)")
        }

        var rebuilder = SiteRebuilder(root: options.root, baseURL: listener.url, drafts: options.drafts)
        let clock = ContinuousClock()
        let started = clock.now
        switch await rebuilder.rebuild(changed: []) {
        case .unbuildable(let diagnostics):
            return .unbuildable(diagnostics)
        case .built(let snapshot, let pages, _, let warnings):
            await live.publish(snapshot)
            report(.built(pages: pages, milliseconds: Self.milliseconds(clock.now - started), warnings: warnings))
        case .failed(let diagnostics):
            await live.fail(diagnostics)
            report(.firstBuildFailed(diagnostics))
        }
        report(.listening(url: listener.url))

        let batcher = ChangeBatcher(quiet: options.quiet)
        let (live, listener, options) = (self.live, self.listener, self.options)
        let stoppedByItself = await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await pool.run() }
            group.addTask {
                await listener.acceptConnections(pool: pool) { socket in
                    await HTTPConnection(socket: socket, live: live, headTimeout: options.headTimeout).run()
                }
            }
            group.addTask {
                var watcher = FileWatcher(root: options.root, forcePolling: options.forcePolling)
                watcher.pollInterval = options.pollInterval
                await watcher.run(pool: pool, started: { report(.watching($0)) }, report: { await batcher.record($0) })
            }
            group.addTask { [rebuilder] in
                var rebuilder = rebuilder
                await batcher.forEachBatch { changed in
                    await Self.rebuild(&rebuilder, changed: changed, live: live, report: report)
                }
            }
            group.addTask {
                while (try? await Task.sleep(for: options.keepAliveInterval)) != nil { await live.keepAlive() }
            }
            // Every child runs until cancelled; one that ends early means the loop broke.
            await group.next()
            let early = !Task.isCancelled
            group.cancelAll()
            return early
        }
        await live.finish()
        report(.stopped)
        return stoppedByItself ? .failed("the server stopped unexpectedly") : .stopped
    }

    /// One rebuild after a batch of changes: serve the result, or keep the last good build
    /// and show the errors.
    static func rebuild(_ rebuilder: inout SiteRebuilder, changed: Set<String>, live: LiveSite,
                        report: @Sendable (ServeEvent) -> Void) async {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await rebuilder.rebuild(changed: changed)
        let elapsed = milliseconds(clock.now - started)
        switch outcome {
        case .built(let snapshot, let pages, let rendered, let warnings):
            let changes = await live.publish(snapshot)
            report(.rebuilt(milliseconds: elapsed, changes: changes, rendered: rendered, pages: pages, warnings: warnings))
            // The edited page is out; its search index follows.
            let indexing = clock.now
            if let complete = await rebuilder.finishSearch() {
                await live.publish(complete)
                report(.searchUpdated(milliseconds: milliseconds(clock.now - indexing)))
            }
        case .failed(let diagnostics), .unbuildable(let diagnostics):
            await live.fail(diagnostics)
            report(.rebuildFailed(diagnostics, milliseconds: elapsed))
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
