import Foundation
import Testing
import TestFolders
@testable import SwitchboardKit

/// The build reads every source file through `FileBytes`: whole files, byte for byte, and
/// nothing for what is not a readable regular file.
@Suite("Reading files")
struct FileBytesTests {
    @Test func filesOfEverySizeAreReadWhole() throws {
        let folder = TestFolders.make("file-bytes")
        var random = SeededRandom(seed: 5)
        for size in [0, 1, 4_095, 4_096, 65_537, 300_000] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(FileBytes.contents(of: path) == bytes, "size \(size)")
        }
    }

    @Test func whatIsNotAReadableRegularFileGivesNothing() throws {
        let folder = TestFolders.make("file-bytes-not")
        #expect(FileBytes.contents(of: folder.appendingPathComponent("missing").path) == nil)
        #expect(FileBytes.contents(of: folder.path) == nil, "a folder")
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(FileBytes.contents(of: fifo) == nil, "a FIFO would wait for a writer")
    }

    @Test func aSymbolicLinkIsReadAsTheFileItNames() throws {
        let folder = TestFolders.make("file-bytes-link")
        let target = folder.appendingPathComponent("target.md")
        try Data("# Title\n".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        #expect(FileBytes.contents(of: link) == Array("# Title\n".utf8))
    }
}
