import Foundation
import TestFolders
import SwitchboardKit
import SwitchboardScaffold
@testable import SwitchboardServer

/// Temporary hubs for the tests, and a dev server running on one of them.
enum TestHubs {
    /// Tests/SwitchboardServerTests/ → Tests/ → the repository root (the bundled hub).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder, removed when the test process exits.
    static func temporaryFolder(_ label: String) -> URL { TestFolders.make(label) }

    /// A fresh `switchboard init` hub: small, with the default theme.
    static func initHub() throws -> URL {
        let root = temporaryFolder("hub").appendingPathComponent("hub")
        _ = try HubScaffold.create(at: root.path).get()
        return root
    }

    /// A copy of the bundled hub's content/ and templates/.
    static func bundledHubCopy() throws -> URL {
        let root = temporaryFolder("bundled")
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        return root
    }

    static func read(_ path: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func write(_ text: String, _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    static func build(_ root: URL, baseURL: String? = nil) async -> BuildReport {
        var options = BuildOptions()
        options.root = root.path
        options.write = false
        options.baseURL = baseURL
        return await Builder.build(options)
    }
}

/// A dev server on a free loopback port, run for the length of `body`, with the events it
/// reported.
struct RunningServer {
    let server: DevServer
    var port: UInt16 { server.listener.port }
    var events: AsyncStream<ServeEvent>.Iterator

    /// `configure` adjusts the options after the tests' defaults.
    static func on(_ root: URL, configure: (inout DevServer.Options) -> Void = { _ in },
                   _ body: (inout RunningServer) async throws -> Void) async throws {
        let listener = try HTTPListener.bind(host: "127.0.0.1", port: 0).get()
        var options = DevServer.Options(root: root.path)
        // Generous, so that a busy machine does not split one step of a test into two rebuilds.
        options.quiet = .milliseconds(400)
        configure(&options)
        let server = DevServer(listener: listener, options: options)
        let (events, sink) = AsyncStream.makeStream(of: ServeEvent.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = await server.run { sink.yield($0) }
                sink.finish()
            }
            var running = RunningServer(server: server, events: events.makeAsyncIterator())
            // Ready once the watcher sees changes.
            while let event = await running.events.next() {
                if case .watching = event { break }
            }
            try await body(&running)
            group.cancelAll()
        }
    }

    /// The next rebuild's event (`rebuilt` or `rebuildFailed`), skipping others.
    mutating func nextRebuild() async -> ServeEvent? {
        while let event = await events.next() {
            switch event {
            case .rebuilt, .rebuildFailed: return event
            default: continue
            }
        }
        return nil
    }
}
