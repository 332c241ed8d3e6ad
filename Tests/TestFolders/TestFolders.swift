import Foundation
import Synchronization

/// Temporary folders for the tests. Each is removed when the test process exits, so a run of
/// the suite leaves nothing behind in the system's temporary folder, while a test can still
/// hand its folder to work that outlives the test function (a shared build, a server).
public enum TestFolders {
    private static let made = Mutex<[URL]>([])
    private static let removalAtExit: Void = { atexit { TestFolders.removeAll() } }()

    /// A new, empty folder `label-UUID` in the temporary folder.
    public static func make(_ label: String) -> URL {
        _ = removalAtExit
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            preconditionFailure("cannot create a temporary folder for a test: \(error)")
        }
        made.withLock { $0.append(url) }
        return url
    }

    private static func removeAll() {
        for url in made.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }
}
