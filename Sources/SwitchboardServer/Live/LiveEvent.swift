import Foundation
import SwitchboardKit

/// What the server tells open pages, as Server-Sent Events. `build` always names the build
/// being served (the last good one), so a page can tell whether it is stale.
public enum LiveEvent: Sendable, Equatable {
    /// The site changed: these URL paths (`/kpis/aht/`) were added, changed or removed.
    case reload(build: String, paths: [String])
    /// The last rebuild failed; the previous build is still served.
    case errors(build: String, diagnostics: [Diagnostic])
    /// The site builds cleanly.
    case ok(build: String)
    /// A comment line sent now and then, so that a closed page is noticed (the write fails).
    case keepAlive

    public var name: String {
        switch self {
        case .reload: return "reload"
        case .errors: return "errors"
        case .ok: return "ok"
        case .keepAlive: return "keep-alive"
        }
    }

    /// `event: NAME`, one `data:` line of JSON, and the blank line that ends an event.
    public var serverSentEvent: String {
        if self == .keepAlive { return ": keep-alive\n\n" }
        return "event: \(name)\ndata: \(json)\n\n"
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch self {
        case .reload(let build, let paths):
            data = try? encoder.encode(ReloadPayload(build: build, paths: paths))
        case .errors(let build, let diagnostics):
            data = try? encoder.encode(ErrorsPayload(build: build, diagnostics: diagnostics.map(DiagnosticPayload.init)))
        case .ok(let build):
            data = try? encoder.encode(OKPayload(build: build))
        case .keepAlive:
            data = nil
        }
        // JSONEncoder escapes newlines inside strings, so the JSON is one line, as SSE needs.
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

private struct ReloadPayload: Encodable {
    var build: String
    var paths: [String]
}

private struct OKPayload: Encodable {
    var build: String
}

private struct ErrorsPayload: Encodable {
    var build: String
    var diagnostics: [DiagnosticPayload]
}

/// A diagnostic as the overlay shows it: `file:line:col`, severity, code, message and hint.
struct DiagnosticPayload: Encodable {
    var severity: String
    var code: String
    var location: String?
    var message: String
    var hint: String?

    init(_ d: Diagnostic) {
        severity = d.severity.rawValue
        code = "\(d.code.id) \(d.code.name)"
        location = d.location?.description
        message = d.message
        hint = d.hint
    }
}
