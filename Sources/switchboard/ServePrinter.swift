import Foundation
import Synchronization
import SwitchboardKit
import SwitchboardServer

/// Prints what `serve` does, one line per event, diagnostics as `build` prints them.
final class ServePrinter: Sendable {
    let terminal: Terminal
    let color: Bool
    let openBrowser: Bool
    /// The warnings printed last, so that a rebuild repeats them only when they change.
    private let shownWarnings = Mutex<[Diagnostic]>([])

    init(terminal: Terminal, openBrowser: Bool) {
        self.terminal = terminal
        color = terminal.stderrIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"].map({ $0.isEmpty }) ?? true
        self.openBrowser = openBrowser
    }

    @Sendable func print(_ event: ServeEvent) {
        switch event {
        case .built(let pages, let ms, let warnings):
            showWarnings(warnings)
            terminal.error("built \(pages) pages in \(ms) ms")
        case .firstBuildFailed(let diagnostics):
            show(diagnostics)
            terminal.error(highlight("build failed; serving an error page until the hub builds"))
        case .listening(let url):
            terminal.error("serving \(url) (Ctrl-C to stop)")
            if openBrowser { BrowserOpener.open(url) }
        case .watching(let method):
            terminal.error("watching content/ and templates/ (\(method.rawValue))")
        case .rebuilt(let ms, let changes, let rendered, let total, let warnings):
            showWarnings(warnings)
            let pages = changes.pageCount
            let others = changes.paths.count - pages
            let summary = changes.isEmpty ? "nothing changed"
                : pages > 0 ? "\(pages) \(pages == 1 ? "page" : "pages") changed"
                : "no pages changed, \(others) other \(others == 1 ? "file" : "files")"
            terminal.error("rebuilt in \(ms) ms: \(summary) (\(rendered) of \(total) pages rendered)")
        case .searchUpdated(let ms):
            terminal.error("search index updated in \(ms) ms")
        case .rebuildFailed(let diagnostics, let ms):
            show(diagnostics)
            terminal.error(highlight("build failed in \(ms) ms; still serving the last good build"))
        case .stopped:
            terminal.error("stopped")
        }
    }

    private func show(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { terminal.error(DiagnosticFormatter.human(d, color: color)) }
        shownWarnings.withLock { $0 = diagnostics.filter { $0.severity == .warning } }
    }

    private func showWarnings(_ diagnostics: [Diagnostic]) {
        let warnings = diagnostics.filter { $0.severity == .warning }
        let changed = shownWarnings.withLock { shown in
            defer { shown = warnings }
            return shown != warnings
        }
        guard changed else { return }
        for d in warnings { terminal.error(DiagnosticFormatter.human(d, color: color)) }
    }

    private func highlight(_ text: String) -> String {
        color ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text
    }
}
