import Foundation
import Testing
@testable import SwitchboardKit

/// Output folders that cannot be written: a file in the way, a folder of someone else's
/// files, a read-only file system, a full disk. Each build fails with SB500 as an environment
/// error (exit 2), and the previous output stays exactly as it was.
@Suite("Adversarial: the output folder", .serialized)
struct AdversarialOutputTests {
    @Test func outputPathIsAFile() async throws {
        let box = try await Sandbox("output-file", previousOutput: false)
        try Data("not a folder".utf8).write(to: box.output)
        let report = await box.build()
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(try Data(contentsOf: box.output) == Data("not a folder".utf8))
    }

    @Test func outputFolderHoldsSomeoneElsesFiles() async throws {
        let box = try await Sandbox("output-foreign", previousOutput: false)
        try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: box.output.appendingPathComponent("thesis.docx"))
        let report = await box.build()
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(Hubs.snapshot(box.output) == ["thesis.docx": Data("precious".utf8)])
    }

    @Test func outputIsTheHubItself() async throws {
        let box = try await Sandbox("output-hub")
        let before = Hubs.snapshot(box.hub)
        var options = BuildOptions()
        options.root = box.hub.path
        options.output = box.hub.path
        let report = await Builder.build(options)
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(Hubs.snapshot(box.hub) == before)
    }

    @Test func outputInsideTheContentFolder() async throws {
        let box = try await Sandbox("output-in-content")
        let inside = box.url("content/public")
        let before = Hubs.snapshot(box.root)
        var options = BuildOptions()
        options.root = box.hub.path
        options.output = inside.path
        let report = await Builder.build(options)
        #expect(Hubs.snapshot(box.root) == before)
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(!FileManager.default.fileExists(atPath: inside.path), "nothing is written where the next build would read it")
    }

    @Test func failedBuildAfterAGoodOneKeepsEveryByte() async throws {
        let box = try await Sandbox("keep-output", previousOutput: false)
        let first = await box.build()
        #expect(first.summaries.isEmpty)
        let good = Hubs.snapshot(box.output)
        try box.kpi("broken", frontMatter: "generation: sideways\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/broken.md:4:13 SB104", "content/kpis/broken.md:5:1 SB112"] ||
                report.summaries == ["content/kpis/broken.md:5:1 SB112"], "\(report.human)")
        #expect(Hubs.snapshot(box.output) == good)
    }

    // MARK: read-only and full file systems (need root and mount(8); skipped otherwise)

    @Test(.enabled(if: Mounts.available, "needs root and a working mount(8) for a read-only or tiny tmpfs"))
    func readOnlyFileSystemUnderTheOutput() async throws {
        let box = try await Sandbox("read-only", previousOutput: false)
        let parent = box.output.deletingLastPathComponent()
        try Mounts.tmpfs(at: parent, size: "16m")
        defer { Mounts.unmount(parent) }
        let first = await box.build()
        #expect(first.summaries.isEmpty, "\(first.human)")
        let good = Hubs.snapshot(box.output)
        try Mounts.remountReadOnly(parent)
        try box.kpi("new-entry")
        let report = await box.build()
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(report.diagnostics.first?.message.lowercased().contains("read only") == true
                || report.diagnostics.first?.message.lowercased().contains("read-only") == true, "\(report.human)")
        #expect(Hubs.snapshot(box.output) == good)
    }

    @Test(.enabled(if: Mounts.available, "needs root and a working mount(8) for a read-only or tiny tmpfs"))
    func fullDiskLeavesTheEarlierOutputIntact() async throws {
        let box = try await Sandbox("full-disk", previousOutput: false)
        let parent = box.output.deletingLastPathComponent()
        try Mounts.tmpfs(at: parent, size: "64k")
        defer { Mounts.unmount(parent) }
        // An earlier output small enough to fit: the marker and one page.
        try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
        try Data("written by switchboard\n".utf8).write(to: box.output.appendingPathComponent(OutputStaging.marker))
        try Data("<p>earlier</p>\n".utf8).write(to: box.output.appendingPathComponent("index.html"))
        let earlier = Hubs.snapshot(box.output)
        let report = await box.build()
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(report.diagnostics.first?.message.contains("No space left on device") == true, "\(report.human)")
        #expect(Hubs.snapshot(box.output) == earlier)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [box.output.lastPathComponent])
    }

    @Test(.enabled(if: Mounts.available, "needs root and a working mount(8) for a read-only or tiny tmpfs"))
    func fullDiskDuringAnInPlaceUpdate() async throws {
        let box = try await Sandbox("full-disk-in-place", previousOutput: false)
        // Measure the site, then give it a file system with a little room to spare.
        let scratch = box.root.appendingPathComponent("measure/public")
        let measure = await box.build(output: scratch)
        #expect(measure.summaries.isEmpty)
        let pages = Hubs.snapshot(scratch).values.reduce(0) { $0 + ($1.count + 4095) / 4096 * 4096 }
        try FileManager.default.removeItem(at: scratch.deletingLastPathComponent())
        let parent = box.output.deletingLastPathComponent()
        try Mounts.tmpfs(at: parent, size: "\(pages * 2 + 256 * 1024)")
        defer { Mounts.unmount(parent) }
        var options = BuildOptions()
        options.root = box.hub.path
        options.output = box.output.path
        let first = await Builder.build(options)
        #expect(first.summaries.isEmpty, "\(first.human)")
        let good = Hubs.snapshot(box.output)
        // The next build changes one page by more than the room left: written in place.
        try box.kpi("containment", body: String(repeating: "A long paragraph that will not fit. ", count: 100_000) + "\n",
                    title: "Containment rate")
        options.cache = first.cache
        let report = await Builder.build(options)
        #expect(report.diagnostics.map(\.code) == [.outputFailed], "\(report.human)")
        #expect(report.environmentError)
        #expect(Hubs.snapshot(box.output) == good, "the folder is as the first build left it")
        let temporary = Hubs.snapshot(box.output).keys.filter { $0.contains(".sbtmp-") }
        #expect(temporary.isEmpty, "no temporary file is left: \(temporary)")
    }
}

/// tmpfs mounts for the tests above: available when running as root with mount(8).
enum Mounts {
    static let available: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("sb-mount-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? tmpfs(at: probe, size: "64k")) != nil else { return false }
        unmount(probe)
        return true
    }()

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    static func tmpfs(at url: URL, size: String) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try run(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path])
    }

    static func remountReadOnly(_ url: URL) throws {
        try run(["-o", "remount,ro", url.path])
    }

    static func unmount(_ url: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [url.path]
        try? process.run()
        process.waitUntilExit()
    }
}
