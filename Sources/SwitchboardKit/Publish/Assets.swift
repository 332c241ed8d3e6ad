import Foundation

/// Theme assets (templates/assets/) are published under `assets/` with a fingerprint of
/// their content in the name (`style.3f9a0c1b2d.css`), so browsers may cache them forever
/// and still see every change.
enum Assets {
    struct Fingerprinted {
        /// `style.css` → `assets/style.3f9a0c1b2d.css`
        var paths: [String: String] = [:]
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
    }

    static func fingerprint(_ names: [String], root: String) -> Fingerprinted {
        var result = Fingerprinted()
        for name in names {
            let source = root + "/templates/assets/" + name
            guard let bytes = FileBytes.contents(of: source) else {
                result.diagnostics.append(.error(.unreadableFile, "cannot read asset", at: SourceLocation(file: "templates/assets/" + name)))
                continue
            }
            let hash = ContentHash.of(bytes).hex(length: 10)
            var parts = name.split(separator: "/").map(String.init)
            let file = parts.removeLast()
            let fingerprinted: String
            if let dot = file.lastIndex(of: "."), dot != file.startIndex {
                fingerprinted = "\(file[..<dot]).\(hash)\(file[dot...])"
            } else {
                fingerprinted = "\(file).\(hash)"
            }
            let sitePath = (["assets"] + parts + [fingerprinted]).joined(separator: "/")
            guard let output = OutputFile(path: sitePath, contents: .bytes(bytes)) else {
                result.diagnostics.append(.error(.badSlug, "asset name '\(name)' cannot be published", at: SourceLocation(file: "templates/assets/" + name),
                                                 hint: "use plain file names without spaces or leading dots"))
                continue
            }
            result.paths[name] = sitePath
            result.files.append(output)
        }
        return result
    }
}
