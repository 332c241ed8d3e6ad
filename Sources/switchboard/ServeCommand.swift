import ArgumentParser
import Foundation
import SwitchboardKit
import SwitchboardServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the hub, serve it with live reload, and rebuild on every change.",
        discussion: """
            Serves the last good build from memory on loopback, watches content/ and templates/, \
            rebuilds on each change and reloads open pages. When a rebuild fails, the terminal \
            and the open pages show the errors, and the last good build stays served.
            """)

    @Option(name: .long, help: "The hub root, holding content/ and templates/ (default: current folder).")
    var source: String = "."

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on. The default serves this machine only; 0.0.0.0 serves your network.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Include entries marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Open the hub in the default browser.")
    var open = false

    @Flag(name: .long, help: "Watch by polling every half second instead of with inotify.")
    var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let terminal = Terminal()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            terminal.error("switchboard: --source '\(source)' is not a folder")
            throw ExitCode(2)
        }
        let listener: HTTPListener
        switch HTTPListener.bind(host: host, port: UInt16(port)) {
        case .success(let bound): listener = bound
        case .failure(let problem):
            terminal.error("switchboard: " + problem.message)
            throw ExitCode(2)
        }
        if !["127.0.0.1", "::1", "localhost"].contains(host) && !host.hasPrefix("127.") {
            terminal.error("warning: listening on \(host): other machines that can reach it can read the hub")
        }

        var options = DevServer.Options(root: source)
        options.drafts = drafts
        options.forcePolling = poll
        let server = DevServer(listener: listener, options: options)
        let printer = ServePrinter(terminal: terminal, openBrowser: open)
        let signals = ShutdownSignals()
        defer { signals.stop() }
        let received = signals.received

        let outcome = await withTaskGroup(of: DevServer.Outcome?.self) { group in
            group.addTask { await server.run(report: printer.print) }
            group.addTask {
                for await _ in received { return nil }
                return nil
            }
            // The first to end: the server (it could not start) or a signal (Ctrl-C).
            let first = await group.next() ?? nil
            group.cancelAll()
            var outcome = first
            for await result in group where outcome == nil { outcome = result }
            return outcome ?? .stopped
        }
        switch outcome {
        case .stopped:
            return
        case .unbuildable(let diagnostics):
            for d in diagnostics { terminal.error(DiagnosticFormatter.human(d, color: printer.color)) }
            throw ExitCode(2)
        case .failed(let reason):
            terminal.error("switchboard: " + reason)
            throw ExitCode(2)
        }
    }
}
