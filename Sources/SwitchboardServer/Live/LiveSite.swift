import SwitchboardKit

/// The site as served right now: the last good snapshot, whether the latest build failed,
/// and the pages listening for live-reload events.
actor LiveSite {
    /// What a request needs to be answered, taken in one step.
    struct State: Sendable {
        var snapshot: SiteSnapshot
        /// Names the snapshot; changes whenever the served files change. Empty before the
        /// first good build.
        var build: String
        /// The diagnostics of the latest build when it failed.
        var failure: [Diagnostic]?
    }

    private(set) var state: State
    private let session: String
    private var builds = 0
    private var listeners: [Int: AsyncStream<LiveEvent>.Continuation] = [:]
    private var nextListener = 0

    /// `session` tells apart two runs of the server, so that pages left open across a restart
    /// see a build id they do not know and reload.
    init(session: String) {
        self.session = session
        state = State(snapshot: SiteSnapshot(), build: "", failure: nil)
    }

    /// A stream of events for one page, starting with the current state.
    func listen() -> (id: Int, events: AsyncStream<LiveEvent>) {
        let (stream, continuation) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .bufferingNewest(8))
        let id = nextListener
        nextListener += 1
        listeners[id] = continuation
        continuation.yield(currentStatusEvent)
        return (id, stream)
    }

    func stopListening(_ id: Int) {
        listeners.removeValue(forKey: id)?.finish()
    }

    var listenerCount: Int { listeners.count }

    /// A good build: serve it, tell pages what changed (if anything) and that all is well.
    @discardableResult
    func publish(_ snapshot: SiteSnapshot) -> SiteChanges {
        let changes = snapshot.changes(since: state.snapshot)
        let recovered = state.failure != nil
        if !changes.isEmpty || state.build.isEmpty {
            builds += 1
            state.snapshot = snapshot
            state.build = "\(session)-\(builds)"
        }
        state.failure = nil
        if !changes.isEmpty {
            broadcast(.reload(build: state.build, paths: changes.paths.map(RequestPath.urlPath(ofSitePath:))))
        }
        if recovered || !changes.isEmpty { broadcast(currentStatusEvent) }
        return changes
    }

    /// A failed build: keep serving the last good one and show the errors on open pages.
    func fail(_ diagnostics: [Diagnostic]) {
        // Errors first, then warnings, each in the build's order (by file and position).
        state.failure = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
        broadcast(currentStatusEvent)
    }

    /// Sends a comment to every page, so that connections of closed pages fail and end.
    func keepAlive() {
        broadcast(.keepAlive)
    }

    /// Ends every event stream, so their connections close.
    func finish() {
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    private var currentStatusEvent: LiveEvent {
        if let failure = state.failure { return .errors(build: state.build, diagnostics: failure) }
        return .ok(build: state.build)
    }

    private func broadcast(_ event: LiveEvent) {
        for continuation in listeners.values { continuation.yield(event) }
    }
}
