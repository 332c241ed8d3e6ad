// Writes templates/ (the default theme) into a Swift source file, for the EmbedTheme build
// plugin: `ThemeEmbedder THEME_DIR OUTPUT.swift`. The theme then lives in exactly one place in
// the repository, and the switchboard binary carries it without a resource bundle beside it,
// so `switchboard init` works from wherever the binary is copied.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder THEME_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let theme = URL(fileURLWithPath: arguments[1]).resolvingSymlinksInPath().standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

// Every regular file below the theme folder, hidden ones excepted, by relative path.
var files: [(path: String, data: Data)] = []
let prefix = theme.path + "/"
if let walker = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
    for case let url as URL in walker {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(prefix), let data = FileManager.default.contents(atPath: path) else { continue }
        files.append((String(path.dropFirst(prefix.count)), data))
    }
}
files.sort { $0.path < $1.path }

// Base64 string literals: any bytes, and fast to compile (unlike large array literals).
var source = """
// Generated from templates/ by ThemeEmbedder (the EmbedTheme build plugin). Do not edit.

extension DefaultTheme {
    static let encodedFiles: [(path: String, base64: String)] = [

"""
for file in files {
    let path = file.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(path)\", \"\(file.data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"

do {
    try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(source.utf8).write(to: output, options: .atomic)
} catch {
    FileHandle.standardError.write(Data("ThemeEmbedder: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
