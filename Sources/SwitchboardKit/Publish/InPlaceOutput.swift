import Foundation

/// Updates an output folder that holds exactly the previous build (its marker says so) by
/// writing only what changed. Each changed file is first written next to its target under a
/// temporary name; only when all of them are written are they renamed into place and files
/// of removed pages deleted. A write failure (a full disk) removes the temporary files and
/// leaves the folder as it was; renames within one folder do not need space.
public struct InPlaceOutput: Sendable {
    let output: String
    let suffix: String

    /// The output folder, if its marker names the build `outputID`.
    public static func open(_ output: String, outputID: UInt64) -> InPlaceOutput? {
        guard outputID != 0,
              let data = FileManager.default.contents(atPath: output + "/" + OutputStaging.marker),
              String(decoding: data, as: UTF8.self).contains(Marker.line(for: outputID)) else { return nil }
        return InPlaceOutput(output: output, suffix: ".sbtmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes a changed file under a temporary name; returns that name's path.
    func stage(_ file: OutputFile) throws -> (temporary: String, final: String) {
        let final = output + "/" + file.path
        let slash = file.path.lastIndex(of: "/")
        let name = slash.map { String(file.path[file.path.index(after: $0)...]) } ?? file.path
        let folder = slash.map { output + "/" + file.path[..<$0] } ?? output
        let temporary = folder + "/." + name + suffix
        try OutputStaging.makeDirectories(for: file.path, under: output)
        do {
            switch file.contents {
            case .bytes(let bytes): try OutputStaging.write(bytes, to: temporary)
            case .made(let make): try OutputStaging.write(make(), to: temporary)
            case .copy(let source):
                unlink(temporary)
                try FileManager.default.copyItem(atPath: source, toPath: temporary)
            }
        } catch {
            // Not in the caller's list yet, so `discard` would not remove it: a full disk would
            // leave a half-written hidden file in the output for good.
            unlink(temporary)
            throw error
        }
        return (temporary, final)
    }

    /// Renames the staged files into place, deletes files no longer built, updates the marker.
    func commit(staged: [(temporary: String, final: String)], removed: [String], outputID: UInt64) -> [Diagnostic] {
        for (temporary, final) in staged where rename(temporary, final) != 0 {
            let message = String(cString: strerror(errno))
            discard(staged)
            return [.error(.outputFailed, "could not update '\(final)': \(message)", at: SourceLocation(file: output),
                           hint: "the next build rewrites the whole folder")]
        }
        // Only plain paths inside the output: the list comes from the build cache, a file anyone
        // with write access to the hub could have crafted.
        for path in removed.sorted().reversed() where OutputFile.isSafe(path) {
            unlink(output + "/" + path)
            // Remove folders the deleted page leaves empty (rmdir fails on non-empty ones).
            var folder = path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                if rmdir(output + "/" + folder) != 0 { break }
            }
        }
        do {
            try OutputStaging.write(Marker.text(for: outputID), to: output + "/" + OutputStaging.marker)
        } catch {
            return [.error(.outputFailed, "could not update the output marker: \(OutputStaging.describe(error))",
                           at: SourceLocation(file: output), hint: "the next build rewrites the whole folder")]
        }
        return []
    }

    func discard(_ staged: [(temporary: String, final: String)]) {
        for (temporary, _) in staged { unlink(temporary) }
    }
}

/// The marker file's text: says who wrote the folder, and which build it holds.
enum Marker {
    static func line(for outputID: UInt64) -> String { "build " + String(outputID, radix: 16) }

    static func text(for outputID: UInt64) -> [UInt8] {
        Array("This folder is written by switchboard build; it is replaced on every build.\n\(line(for: outputID))\n".utf8)
    }
}
