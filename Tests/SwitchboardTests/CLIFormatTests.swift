import Foundation
import Testing
@testable import SwitchboardKit

/// `--format github` and `--format json` from the real binary, on the fixture hub with
/// planted faults: one annotation per fault at the right place, and a JSON document of the
/// documented shape (docs/diagnostics.schema.json).
@Suite("CLI output formats", .serialized)
struct CLIFormatTests {
    static let faults = [
        ("content/glossary/fancy.md", 3, 9, "SB201"),
        ("content/kpis/bad-enum.md", 4, 13, "SB104"),
        ("content/kpis/bad-yaml.md", 5, 21, "SB100"),
        ("content/kpis/no-title.md", 1, 1, "SB103"),
        ("content/kpis/unknown-key.md", 5, 1, "SB101"),
    ]

    static func faultyHub() throws -> URL {
        let work = Hubs.temporaryDirectory("cli-format")
        return try Hubs.fixtureHub(overlays: ["faults"], in: work)
    }

    @Test(.enabled(if: AdversarialCLITests.binary != nil, "the switchboard binary is not built next to the tests"))
    func githubFormatPrintsOneAnnotationPerFault() throws {
        let hub = try Self.faultyHub()
        let run = try AdversarialCLITests.run(["check", "--source", hub.path, "--format", "github"])
        #expect(run.status == 1)
        let errors = run.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        #expect(errors.count == Self.faults.count)
        for (line, (file, l, c, code)) in zip(errors, Self.faults) {
            #expect(line.hasPrefix("::error file=\(file),line=\(l),col=\(c),title=\(code) "), "\(line)")
        }
        #expect(run.stdout.split(separator: "\n").last?.hasPrefix("::notice title=switchboard check::") == true)
    }

    @Test(.enabled(if: AdversarialCLITests.binary != nil, "the switchboard binary is not built next to the tests"))
    func jsonFormatHasTheDocumentedShape() throws {
        let hub = try Self.faultyHub()
        let run = try AdversarialCLITests.run(["check", "--source", hub.path, "--format", "json"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["version", "diagnostics", "summary"])
        #expect(object["version"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == Self.faults.count)
        for (d, (file, line, column, code)) in zip(diagnostics, Self.faults) {
            #expect(Set(d.keys) == ["file", "line", "column", "severity", "code", "name", "message", "hint"])
            #expect(d["file"] as? String == file && d["line"] as? Int == line && d["column"] as? Int == column)
            #expect(d["code"] as? String == code && d["severity"] as? String == "error")
            #expect((d["name"] as? String)?.isEmpty == false && (d["message"] as? String)?.isEmpty == false)
        }
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["command", "status", "errors", "warnings", "pages", "files", "orphans", "too_deep", "seconds"])
        #expect(summary["command"] as? String == "check" && summary["status"] as? String == "failed")
        #expect(summary["errors"] as? Int == Self.faults.count)
        // The schema file itself is valid JSON and names the same keys.
        let schemaURL = Hubs.repositoryRoot.appendingPathComponent("docs/diagnostics.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        let properties = try #require((schema["properties"] as? [String: Any])?.keys)
        #expect(Set(properties) == Set(object.keys))
    }

    @Test(.enabled(if: AdversarialCLITests.binary != nil, "the switchboard binary is not built next to the tests"))
    func warningsAsErrorsFailsTheBuild() throws {
        let work = Hubs.temporaryDirectory("cli-warnings")
        let hub = try Hubs.fixtureHub(in: work)
        // Raw HTML is dropped with a warning (the hub does not opt in to unsafe HTML).
        try "---\ntitle: Raw\n---\n\nSome <span>raw</span> HTML.\n".write(to: hub.appendingPathComponent("content/glossary/raw.md"),
                                                                          atomically: true, encoding: .utf8)
        let relaxed = try AdversarialCLITests.run(["check", "--source", hub.path])
        #expect(relaxed.status == 0 && relaxed.stderr.contains("SB150"), "\(relaxed.stderr)")
        let strict = try AdversarialCLITests.run(["check", "--source", hub.path, "--warnings-as-errors"])
        #expect(strict.status == 1)
    }
}
