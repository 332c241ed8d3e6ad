import FlyingSocks
import Foundation
import Testing
@testable import SwitchboardServer

struct WatchFilterTests {
    @Test(arguments: ["content/kpis/aht.md", "content/hub.yml", "templates/partials/head.mustache", "templates/assets/style.css"])
    func realFilesCount(_ path: String) {
        #expect(WatchFilter.isRelevant(path))
    }

    @Test(arguments: ["content/kpis/.aht.md.swp", "content/kpis/aht.md~", "content/kpis/4913", "content/kpis/.#aht.md",
                      "content/kpis/#aht.md#", "content/kpis/aht.swp", "content/.git/index", "templates/x.mustache___jb_tmp___"])
    func editorLeftoversDoNot(_ path: String) {
        #expect(!WatchFilter.isRelevant(path))
    }
}

/// Assertions here hold however slow the machine is: a batch may come late, never early,
/// and changes recorded with no pause between them always share a batch.
struct ChangeBatcherTests {
    @Test func aBurstOfChangesIsOneBatchAndALaterChangeAnother() async {
        let batcher = ChangeBatcher(quiet: .milliseconds(300))
        let (batches, sink) = AsyncStream.makeStream(of: Set<String>.self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await batcher.forEachBatch { sink.yield($0) } }
            for n in 0..<6 { await batcher.record(["content/\(n % 3).md"]) }
            var iterator = batches.makeAsyncIterator()
            #expect(await iterator.next() == ["content/0.md", "content/1.md", "content/2.md"])
            await batcher.record(["templates/base.mustache"])
            #expect(await iterator.next() == ["templates/base.mustache"])
            await batcher.finish()
            group.cancelAll()
        }
    }

    @Test func eachChangeRestartsTheQuietPeriod() async {
        let batcher = ChangeBatcher(quiet: .milliseconds(200))
        let clock = ContinuousClock()
        let (times, sink) = AsyncStream.makeStream(of: ContinuousClock.Instant.self)
        await batcher.record(["content/a.md"])
        try? await Task.sleep(for: .milliseconds(100))
        let second = clock.now  // taken before the change is recorded, so never after it
        await batcher.record(["content/b.md"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await batcher.forEachBatch { _ in sink.yield(clock.now) } }
            var iterator = times.makeAsyncIterator()
            if let handedOut = await iterator.next() {
                #expect(handedOut - second >= .milliseconds(200))
            }
            await batcher.finish()
        }
    }
}

/// Real files in a temporary hub: what each watching method reports, batched.
struct FileWatcherTests {
    static func temporaryHub() throws -> URL {
        let root = TestHubs.temporaryFolder("watch")
        for folder in ["content/kpis", "templates"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("title: x\n".utf8).write(to: root.appendingPathComponent("content/hub.yml"))
        return root
    }

    static func write(_ text: String, _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test(arguments: [false, true])
    func reportsEditsAsOneBatchWithoutEditorLeftovers(polling: Bool) async throws {
        let root = try Self.temporaryHub()
        defer { try? FileManager.default.removeItem(at: root) }
        var configured = FileWatcher(root: root.path, forcePolling: polling)
        configured.pollInterval = .milliseconds(100)
        let watcher = configured
        let pool: some AsyncSocketPool = .make()
        try await pool.prepare()
        // Generous, so that a busy machine does not split one save into two batches.
        let batcher = ChangeBatcher(quiet: .milliseconds(polling ? 1500 : 800))
        let (ready, readySignal) = AsyncStream.makeStream(of: FileWatcher.Method.self)
        let (batches, sink) = AsyncStream.makeStream(of: Set<String>.self)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try? await pool.run() }
            group.addTask { await watcher.run(pool: pool, started: { readySignal.yield($0) }, report: { await batcher.record($0) }) }
            group.addTask { await batcher.forEachBatch { sink.yield($0) } }
            var readiness = ready.makeAsyncIterator()
            let method = await readiness.next()
            #if canImport(Glibc)
            #expect(method == (polling ? .polling : .inotify))
            #endif

            // An editor saving: a swap file, a backup, vim's write test, then the file itself.
            try Self.write("swap", "content/kpis/.aht.md.swp", in: root)
            try Self.write("test", "content/kpis/4913", in: root)
            try Self.write("old", "content/kpis/aht.md~", in: root)
            try Self.write("---\ntitle: AHT\n---\n", "content/kpis/aht.md", in: root)
            try Self.write("<html></html>", "templates/base.mustache", in: root)
            var iterator = batches.makeAsyncIterator()
            #expect(await iterator.next() == ["content/kpis/aht.md", "templates/base.mustache"])

            // A new folder with a file in it, and a deletion.
            try Self.write("---\ntitle: Deep\n---\n", "content/kpis/deeper/deep.md", in: root)
            try FileManager.default.removeItem(at: root.appendingPathComponent("content/kpis/aht.md"))
            let second = await iterator.next() ?? []
            #expect(second.contains("content/kpis/deeper/deep.md"))
            #expect(second.contains("content/kpis/aht.md"))

            // A file written later into that new folder is seen too (its watch was added).
            try await Task.sleep(for: .milliseconds(50))
            try Self.write("---\ntitle: Deeper\n---\n", "content/kpis/deeper/deeper.md", in: root)
            #expect(await iterator.next() == ["content/kpis/deeper/deeper.md"])

            await batcher.finish()
            group.cancelAll()
        }
    }
}
