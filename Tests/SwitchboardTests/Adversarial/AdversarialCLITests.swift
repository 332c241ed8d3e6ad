import Foundation
import Testing
@testable import SwitchboardKit

/// The command line's exit codes on adversarial input: 0 clean, 1 content errors, 2 usage or
/// environment errors. Runs the `switchboard` binary built next to this test bundle; skipped
/// (with the reason) when it has not been built.
@Suite("Adversarial: command line exit codes", .serialized)
struct AdversarialCLITests {
    static let binary: URL? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("switchboard")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], as user: (uid: Int, gid: Int)? = nil) throws -> Run {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user.uid)", "--regid=\(user.gid)", "--clear-groups", binary!.path] + arguments
        } else {
            process.executableURL = binary!
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The sandbox outside its output (and the hub's own build cache, which the CLI keeps in
    /// `.switchboard/` by design) must not change.
    static func outside(_ box: Sandbox) -> [String: Data] {
        box.snapshotOutside(box.output).filter { !$0.key.hasPrefix("hub/.switchboard/") }
    }

    @Test(.enabled(if: binary != nil, "the switchboard binary is not built next to the tests"))
    func exitCodesForCleanContentAndEnvironmentProblems() async throws {
        let box = try await Sandbox("cli")
        let before = Self.outside(box)
        let clean = try Self.run(["build", "--source", box.hub.path, "--output", box.output.path])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(Self.outside(box) == before)
        let built = Hubs.snapshot(box.output)

        try box.kpi("broken", frontMatter: "colour: red\n")
        let content = try Self.run(["build", "--source", box.hub.path, "--output", box.output.path, "--format", "json"])
        #expect(content.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(content.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["file"] as? String == "content/kpis/broken.md")
        #expect(diagnostics.first?["line"] as? Int == 5 && diagnostics.first?["column"] as? Int == 1)
        #expect(Hubs.snapshot(box.output) == built, "a failed build leaves the output as it was")
        try box.remove("content/kpis/broken.md")

        let github = try Self.run(["check", "--source", box.hub.path, "--format", "github"])
        #expect(github.status == 0, "\(github.stdout)")

        let noHub = try Self.run(["build", "--source", box.root.path, "--output", box.output.path])
        #expect(noHub.status == 2)
        #expect(noHub.stderr.contains("SB001"))

        let notAFolder = try Self.run(["build", "--source", box.hub.appendingPathComponent("content/hub.yml").path])
        #expect(notAFolder.status == 2)

        let file = box.root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let outputIsAFile = try Self.run(["build", "--source", box.hub.path, "--output", file.path])
        #expect(outputIsAFile.status == 2)
        #expect(outputIsAFile.stderr.contains("SB500"))

        let usage = try Self.run(["build", "--no-such-option"])
        #expect(usage.status == 2)

        let badBase = try Self.run(["check", "--source", box.hub.path, "--base-url", "javascript:alert(1)"])
        #expect(badBase.status == 1)
        #expect(badBase.stderr.contains("SB007"))
        #expect(Hubs.snapshot(box.output) == built)
    }

    @Test(.enabled(if: binary != nil && geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "needs the switchboard binary, root and setpriv to run as an unprivileged user"))
    func unwritableOutputFolderAsAnUnprivilegedUser() async throws {
        let box = try await Sandbox("cli-unwritable")
        chmodTree(box.root, mode: 0o755)
        for (path, _) in Hubs.snapshot(box.root) { chmod(box.root.appendingPathComponent(path).path, 0o644) }
        let parent = box.output.deletingLastPathComponent()
        let before = Hubs.snapshot(box.output)
        chmod(parent.path, 0o555)  // the folder that holds the output: no new staging folder there
        let nobody = (uid: 65534, gid: 65534)
        let run = try Self.run(["build", "--source", box.hub.path, "--output", box.output.path, "--no-cache"], as: nobody)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("SB500"), "\(run.stderr)")
        #expect(run.stderr.lowercased().contains("permission"), "\(run.stderr)")
        chmod(parent.path, 0o755)
        #expect(Hubs.snapshot(box.output) == before)
    }
}
