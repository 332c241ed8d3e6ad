/// Gathers change notifications and hands them out as one batch once they have been quiet
/// for a moment: saving a file is often several events (write, rename, chmod), and a "save
/// all" many files, and each batch should cost one rebuild.
public actor ChangeBatcher {
    /// One element per burst of changes; buffered to one, since a batch takes everything.
    public nonisolated let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private var pending: Set<String> = []
    private var lastChange = ContinuousClock.now
    public let quiet: Duration

    public init(quiet: Duration = .milliseconds(100)) {
        self.quiet = quiet
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Notes changed paths (relative to the hub root).
    public func record(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        pending.formUnion(paths)
        lastChange = .now
        wake.yield()
    }

    /// No more changes will come: `batches` ends.
    public func finish() {
        wake.finish()
    }

    enum Take {
        case nothing
        case wait(Duration)
        case batch(Set<String>)
    }

    /// The pending changes if they have been quiet long enough, else how long to wait.
    func take() -> Take {
        guard !pending.isEmpty else { return .nothing }
        let quietSoFar = ContinuousClock.now - lastChange
        if quietSoFar < quiet { return .wait(quiet - quietSoFar) }
        defer { pending = [] }
        return .batch(pending)
    }

    /// Calls `body` with each settled batch, one at a time, until cancelled or finished.
    /// Changes that arrive while `body` runs make the next batch.
    public nonisolated func forEachBatch(_ body: (Set<String>) async -> Void) async {
        for await _ in wakeups {
            settling: while true {
                switch await take() {
                case .nothing:
                    break settling
                case .wait(let duration):
                    guard (try? await Task.sleep(for: duration)) != nil else { return }
                case .batch(let paths):
                    await body(paths)
                    break settling
                }
            }
        }
    }
}
