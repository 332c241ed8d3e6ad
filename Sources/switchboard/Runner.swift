import ArgumentParser
import Foundation
import Synchronization
import SwitchboardKit

/// Runs a build or check and prints what happened in the chosen format.
enum Runner {
    static func run(command: String, hub: HubOptions, output: String?, write: Bool) async throws -> Never {
        let start = DispatchTime.now().uptimeNanoseconds
        let terminal = Terminal()
        var progress: (@Sendable (String, Int, Int) -> Void)?
        if hub.format == .human && terminal.stderrIsTTY {
            let line = ProgressLine()
            progress = { stage, done, total in line.show(stage: stage, done: done, total: total) }
        }

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: hub.source, isDirectory: &isDirectory), isDirectory.boolValue else {
            terminal.error("switchboard: --source '\(hub.source)' is not a folder")
            throw ExitCode(2)
        }

        // Made in the call, not kept here: the build lets go of the old cache when done with it.
        let report = await Builder.build(options(hub: hub, output: output, write: write, progress: progress))
        terminal.clearProgress()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var failed = report.diagnostics.hasErrors || report.environmentError
        if hub.warningsAsErrors && report.diagnostics.warningCount > 0 { failed = true }
        let summary = RunSummary(command: command, pages: write ? report.pagesWritten : (report.site?.index.order.count ?? report.pagesWritten),
                                 files: report.filesWritten, errors: report.diagnostics.errorCount,
                                 warnings: report.diagnostics.warningCount, orphans: report.orphans, tooDeep: report.tooDeep,
                                 seconds: seconds, failed: failed)

        switch hub.format {
        case .human:
            let color = terminal.stderrIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"].map({ $0.isEmpty }) ?? true
            for d in report.diagnostics { terminal.error(DiagnosticFormatter.human(d, color: color)) }
            if hub.verbose {
                for (stage, s) in report.stageTimes { terminal.error("  \(stage.padding(12)) \(String(format: "%8.3f", s * 1000)) ms") }
                if write { terminal.error("  pages rendered: \(report.pagesRendered) of \(report.pagesWritten)") }
            }
            terminal.error(DiagnosticFormatter.humanSummary(summary))
        case .github:
            for d in report.diagnostics { print(DiagnosticFormatter.github(d)) }
            print(DiagnosticFormatter.githubSummary(summary))
        case .json:
            print(DiagnosticFormatter.json(report.diagnostics, summary: summary))
        }
        // Exit here rather than return: freeing a large hub's site and cache object by object
        // would only delay the exit (a tenth of a second on 10,000 entries).
        fflush(nil)
        Foundation.exit(report.environmentError ? 2 : failed ? 1 : 0)
    }

    private static func options(hub: HubOptions, output: String?, write: Bool,
                                progress: (@Sendable (String, Int, Int) -> Void)?) -> BuildOptions {
        var options = BuildOptions()
        options.root = hub.source
        options.output = output
        options.baseURL = hub.baseURL
        options.drafts = hub.drafts
        options.write = write
        options.keepFiles = false
        options.storesCache = !hub.noCache  // (a build that writes nothing stores nothing)
        options.progress = progress
        if !hub.noCache { options.cache = BuildCache.load(root: hub.source) }
        return options
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// Where output goes, and whether a person is watching.
struct Terminal {
    let stderrIsTTY = isatty(STDERR_FILENO) == 1

    func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func clearProgress() {
        if stderrIsTTY { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// A single self-overwriting status line on the terminal for long builds ("render 1200/10000").
/// Shown only after half a second, so quick builds print nothing but their result.
final class ProgressLine: Sendable {
    private let state = Mutex<(start: UInt64, last: UInt64)>((DispatchTime.now().uptimeNanoseconds, 0))

    func show(stage: String, done: Int, total: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        let draw = state.withLock { s -> Bool in
            guard now - s.start > 500_000_000, now - s.last > 100_000_000 else { return false }
            s.last = now
            return true
        }
        guard draw else { return }
        let count = total > 1 ? " \(done)/\(total)" : ""
        FileHandle.standardError.write(Data("\r\u{1B}[K\(stage)\(count)".utf8))
    }
}
