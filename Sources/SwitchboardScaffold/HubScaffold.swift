import Foundation

/// `switchboard init DIR`: a new hub that builds clean at once — the sample content and the
/// default theme — in a folder that is new or empty.
public enum HubScaffold {
    public enum Problem: Error, Sendable, Equatable {
        case notEmpty(String)
        case notAFolder(String)
        case cannotWrite(String, reason: String)

        public var message: String {
            switch self {
            case .notEmpty(let dir): return "\(dir) is not empty; init only writes into a new or empty folder"
            case .notAFolder(let dir): return "\(dir) exists and is not a folder"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes the hub and returns the paths written, relative to `directory`.
    public static func create(at directory: String) -> Result<[String], Problem> {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return .failure(.notAFolder(directory)) }
            // A fresh `git init` is as good as empty.
            let existing = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter { $0 != ".git" }
            guard existing.isEmpty else { return .failure(.notEmpty(directory)) }
        }
        var files: [(path: String, bytes: [UInt8])] = SampleHub.files.map { ($0.path, Array($0.text.utf8)) }
        files += DefaultTheme.files.map { ("templates/" + $0.path, $0.bytes) }
        for file in files {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            } catch {
                return .failure(.cannotWrite(file.path, reason: error.localizedDescription))
            }
        }
        return .success(files.map(\.path))
    }
}
