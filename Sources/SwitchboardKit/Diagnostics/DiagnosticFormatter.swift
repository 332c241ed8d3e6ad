/// The ways diagnostics are printed: for people, for GitHub Actions annotations, and as
/// one JSON document for other tools. `docs/diagnostics.md` documents all three.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case human, github, json
}

/// Counts printed at the end of a run.
public struct RunSummary: Sendable {
    public var command: String
    public var pages: Int
    public var files: Int
    public var errors: Int
    public var warnings: Int
    public var orphans: Int
    public var tooDeep: Int
    public var seconds: Double
    public var failed: Bool

    public init(command: String, pages: Int, files: Int, errors: Int, warnings: Int, orphans: Int, tooDeep: Int,
                seconds: Double, failed: Bool) {
        self.command = command; self.pages = pages; self.files = files; self.errors = errors; self.warnings = warnings
        self.orphans = orphans; self.tooDeep = tooDeep; self.seconds = seconds; self.failed = failed
    }
}

public enum DiagnosticFormatter {
    // MARK: human

    /// `path:line:col: error: message`, the hint indented on the next line.
    public static func human(_ d: Diagnostic, color: Bool) -> String {
        let place = d.location.map { $0.description + ": " } ?? ""
        let severity: String
        switch d.severity {
        case .error: severity = color ? "\u{1B}[1;31merror\u{1B}[0m" : "error"
        case .warning: severity = color ? "\u{1B}[1;33mwarning\u{1B}[0m" : "warning"
        }
        var line = "\(color ? "\u{1B}[1m" + place + "\u{1B}[0m" : place)\(severity): \(d.message) [\(d.code.id) \(d.code.name)]"
        if let hint = d.hint {
            let indented = hint.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n        ")
            line += "\n  hint: " + indented
        }
        return line
    }

    public static func humanSummary(_ s: RunSummary) -> String {
        let verb = s.command == "check" ? "Checked" : "Built"
        let what = s.command == "check" ? "\(s.pages) pages" : "\(s.pages) pages (\(s.files) files)"
        let status = s.failed ? (s.command == "check" ? "check failed" : "build failed, nothing written") : "\(verb) \(what)"
        return "\(status) in \(String(format2: s.seconds)) s: \(plural(s.errors, "error")), \(plural(s.warnings, "warning"))"
            + " (\(plural(s.orphans, "orphan")), \(s.tooDeep) too deep)"
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    // MARK: GitHub Actions

    /// A workflow command, so GitHub shows the diagnostic on the pull request's diff.
    public static func github(_ d: Diagnostic) -> String {
        var properties: [String] = []
        if let l = d.location {
            properties.append("file=" + escapeProperty(l.file))
            if l.line > 0 { properties.append("line=\(l.line)") }
            if l.column > 0 { properties.append("col=\(l.column)") }
        }
        properties.append("title=" + escapeProperty("\(d.code.id) \(d.code.name)"))
        var message = d.message
        if let hint = d.hint { message += "\nhint: " + hint }
        let command = d.severity == .error ? "error" : "warning"
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// Works on Unicode scalars: as Characters, "\r\n" is one grapheme and would slip through.
    static func escapeData(_ s: String) -> String {
        escape(s, ["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    static func escapeProperty(_ s: String) -> String {
        escape(s, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }

    private static func escape(_ s: String, _ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    public static func githubSummary(_ s: RunSummary) -> String {
        "::notice title=switchboard \(s.command)::" + escapeData(humanSummary(s))
    }

    // MARK: JSON

    /// One document: `{"version":1,"diagnostics":[…],"summary":{…}}`. Keys are written in a
    /// fixed order; `docs/diagnostics.md` has the schema.
    public static func json(_ diagnostics: [Diagnostic], summary s: RunSummary) -> String {
        var items: [String] = []
        for d in diagnostics {
            var fields = [
                "\"file\":" + (d.location.map { JSON.string($0.file) } ?? "null"),
                "\"line\":" + (d.location.map { $0.line > 0 ? String($0.line) : "null" } ?? "null"),
                "\"column\":" + (d.location.map { $0.column > 0 ? String($0.column) : "null" } ?? "null"),
                "\"severity\":" + JSON.string(d.severity.rawValue),
                "\"code\":" + JSON.string(d.code.id),
                "\"name\":" + JSON.string(d.code.name),
                "\"message\":" + JSON.string(d.message),
            ]
            fields.append("\"hint\":" + (d.hint.map(JSON.string) ?? "null"))
            items.append("    {" + fields.joined(separator: ",") + "}")
        }
        let summary = [
            "\"command\":" + JSON.string(s.command),
            "\"status\":" + JSON.string(s.failed ? "failed" : "ok"),
            "\"errors\":\(s.errors)", "\"warnings\":\(s.warnings)",
            "\"pages\":\(s.pages)", "\"files\":\(s.files)",
            "\"orphans\":\(s.orphans)", "\"too_deep\":\(s.tooDeep)",
            "\"seconds\":" + String(format2: s.seconds),
        ]
        return "{\n  \"version\": 1,\n  \"diagnostics\": [\n" + items.joined(separator: ",\n")
            + (items.isEmpty ? "" : "\n") + "  ],\n  \"summary\": {" + summary.joined(separator: ",") + "}\n}"
    }
}

extension String {
    /// Two decimals, without Foundation's locale-dependent formatting.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, frac = abs(hundredths % 100)
        self = "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
