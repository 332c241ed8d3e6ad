/// How bad a diagnostic is. Errors fail the build; warnings are reported and, with
/// `--warnings-as-errors`, fail it too.
public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
}

/// A place in a source file. Lines and columns count from 1; a column of 0 means
/// "the whole line", a line of 0 "the whole file".
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    /// Path relative to the hub root, with `/` separators (`content/kpis/aht.md`).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `file:line:col`, leaving out the parts that are unknown.
    public var description: String {
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}

/// One problem found anywhere in the build. Every stage adds to a list of these instead
/// of stopping at the first problem, so an author sees everything in one run.
public struct Diagnostic: Sendable, Hashable, Error {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var hint: String?
    public var location: SourceLocation?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String,
                at location: SourceLocation?, hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
                             hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, hint: hint)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
                               hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, hint: hint)
    }
}

extension Diagnostic: Comparable {
    /// Sorted by place first (diagnostics without a place come first), then code and message,
    /// so that output is the same however the parallel stages happened to finish.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        let la = a.location ?? SourceLocation(file: "")
        let lb = b.location ?? SourceLocation(file: "")
        if la != lb { return la < lb }
        if a.code.id != b.code.id { return a.code.id < b.code.id }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
