import Foundation
import Testing
@testable import SwitchboardKit

@Suite("Output writer: staging and swap")
struct OutputWriterTests {
    static func file(_ path: String, _ text: String) -> OutputFile { OutputFile(path: path, text: text)! }

    static func text(_ url: URL, _ path: String) -> String? {
        FileManager.default.contents(atPath: url.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Names in the output's parent folder, to check that no staging or old folder is left behind.
    static func siblings(of output: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path))?.sorted() ?? []
    }

    @Test func writesFilesAndTheMarker() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        let diagnostics = OutputWriter.publish([Self.file("index.html", "<p>home</p>"), Self.file("kpis/aht/index.html", "aht")],
                                               to: output.path)
        #expect(diagnostics.isEmpty)
        #expect(Self.text(output, "index.html") == "<p>home</p>")
        #expect(Self.text(output, "kpis/aht/index.html") == "aht")
        #expect(Self.text(output, OutputWriter.marker)?.hasPrefix("This folder is written by switchboard build") == true)
        #expect(Self.siblings(of: output) == ["public"])
    }

    @Test func replacesThePreviousOutputCompletely() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        #expect(OutputWriter.publish([Self.file("old.html", "old"), Self.file("same.html", "v1")], to: output.path).isEmpty)
        #expect(OutputWriter.publish([Self.file("same.html", "v2"), Self.file("new/index.html", "new")], to: output.path).isEmpty)
        let snapshot = TestSupport.snapshot(output)
        #expect(snapshot.keys.sorted() == [OutputWriter.marker, "new/index.html", "same.html"])
        #expect(Self.text(output, "same.html") == "v2")
        #expect(Self.siblings(of: output) == ["public"])
    }

    @Test func whichPathsAreSafe() {
        for path in ["index.html", "kpis/aht/index.html", "a/b/c/d.json", "café/naïve/index.html", "x.y/z",
                     "a/\u{301}b", "a..b/c", String(repeating: "a", count: 255) + "/x"] {
            #expect(OutputFile.isSafe(path), "\(path)")
        }
        for path in ["", "/", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "../a", "a/../b", ".hidden", "a/.git/x",
                     "a\\b", "c:/x", "a/b:c", "a\u{0}b", "a\nb", "a\u{7F}", String(repeating: "a", count: 256),
                     String(repeating: "a/", count: 512) + "x",
                     // A dot or slash followed by a combining mark is still a dot or slash to the file system.
                     "/\u{301}etc", ".\u{301}hidden", "a/.\u{301}"] {
            #expect(!OutputFile.isSafe(path), "\(path.debugDescription)")
        }
    }

    @Test func foldersAreMadeBeforeFilesAtAnyDepth() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        // Deep first and shallow last, siblings sharing parents: every folder exists before any file.
        let files = [Self.file("a/b/c/d/index.html", "d"), Self.file("a/b/index.html", "b"), Self.file("a/b/c2/x.json", "x"),
                     Self.file("z/index.html", "z"), Self.file("index.html", "home")]
        #expect(OutputWriter.publish(files, to: output.path).isEmpty)
        #expect(TestSupport.snapshot(output).keys.sorted()
                == [OutputWriter.marker, "a/b/c/d/index.html", "a/b/c2/x.json", "a/b/index.html", "index.html", "z/index.html"])
        #expect(Self.text(output, "a/b/c/d/index.html") == "d")
    }

    @Test func aFailedWriteLeavesThePreviousOutputByteIdentical() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        #expect(OutputWriter.publish([Self.file("index.html", "v1"), Self.file("a/b.html", "b1")], to: output.path).isEmpty)
        let before = TestSupport.snapshot(output)

        // The second build fails half-way: a file to copy has vanished.
        let files = [Self.file("index.html", "v2"), Self.file("a/b.html", "b2"),
                     OutputFile(path: "img/x.png", contents: .copy(from: parent.appendingPathComponent("missing.png").path))!,
                     Self.file("z.html", "z")]
        let diagnostics = OutputWriter.publish(files, to: output.path)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .outputFailed)
        #expect(diagnostics.first?.location == SourceLocation(file: output.path))
        #expect(diagnostics.first?.hint?.contains("the previous output is unchanged") == true)
        #expect(TestSupport.snapshot(output) == before)
        #expect(Self.siblings(of: output) == ["public"], "the staging folder is removed")
    }

    @Test func aFileWhereAFolderMustGoFailsSafely() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        #expect(OutputWriter.publish([Self.file("index.html", "v1")], to: output.path).isEmpty)
        let before = TestSupport.snapshot(output)
        // `kpis` is first written as a file, then needed as a folder.
        let diagnostics = OutputWriter.publish([Self.file("kpis", "x"), Self.file("kpis/aht/index.html", "y")], to: output.path)
        #expect(diagnostics.map(\.code) == [.outputFailed])
        #expect(TestSupport.snapshot(output) == before)
        #expect(Self.siblings(of: output) == ["public"])
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("my thesis".utf8).write(to: output.appendingPathComponent("thesis.txt"))
        let diagnostics = OutputWriter.publish([Self.file("index.html", "site")], to: output.path)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .outputFailed)
        #expect(diagnostics.first?.message == "the output folder '\(output.path)' holds files Switchboard did not write; refusing to replace it")
        #expect(TestSupport.snapshot(output) == ["thesis.txt": Data("my thesis".utf8)])
        #expect(Self.siblings(of: output) == ["documents"])
    }

    @Test func anEmptyFolderOrOneWithOnlyDotFilesMayBeUsed() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(OutputWriter.publish([Self.file("index.html", "site")], to: output.path).isEmpty)
        #expect(Self.text(output, "index.html") == "site")
    }

    @Test func refusesAnOutputThatIsAFile() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        try Data("x".utf8).write(to: output)
        let diagnostics = OutputWriter.publish([Self.file("index.html", "site")], to: output.path)
        #expect(diagnostics.map(\.message) == ["the output '\(output.path)' exists and is not a folder"])
        #expect(FileManager.default.contents(atPath: output.path) == Data("x".utf8))
    }

    @Test func keepsTheOutputsDotFiles() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        #expect(OutputWriter.publish([Self.file("index.html", "v1")], to: output.path).isEmpty)
        try Data("".utf8).write(to: output.appendingPathComponent(".nojekyll"))
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".git/refs"), withIntermediateDirectories: true)
        try Data("ref: main\n".utf8).write(to: output.appendingPathComponent(".git/HEAD"))
        try Data("stale".utf8).write(to: output.appendingPathComponent("stale.html"))

        #expect(OutputWriter.publish([Self.file("index.html", "v2")], to: output.path).isEmpty)
        let after = TestSupport.snapshot(output)
        #expect(after.keys.sorted() == [".git/HEAD", ".nojekyll", OutputWriter.marker, "index.html"])
        #expect(after[".git/HEAD"] == Data("ref: main\n".utf8))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".git/refs").path))
        #expect(Self.text(output, "index.html") == "v2")
    }

    @Test func copiesFilesByteForByte() throws {
        let parent = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let source = parent.appendingPathComponent("logo.bin")
        let bytes = Data((0...255).map { UInt8($0) })
        try bytes.write(to: source)
        let output = parent.appendingPathComponent("public")
        #expect(OutputWriter.publish([OutputFile(path: "img/logo.bin", contents: .copy(from: source.path))!], to: output.path).isEmpty)
        #expect(FileManager.default.contents(atPath: output.appendingPathComponent("img/logo.bin").path) == bytes)
    }

    @Test func outputPathsCannotEscapeTheFolder() {
        for bad in ["", "/etc/passwd", "../x.html", "a/../../x", "a//b", ".hidden", "a/.git/config", "a\\b", "c:x", "a/./b", "tab\there"] {
            #expect(OutputFile(path: bad, text: "x") == nil, "\(bad.debugDescription)")
        }
        for good in ["index.html", "kpis/aht/index.html", "assets/style.0123456789.css", "données/é.html"] {
            #expect(OutputFile(path: good, text: "x") != nil, "\(good)")
        }
    }
}
