/// Which changes under the hub are worth a rebuild: those in the folders the build reads,
/// minus the files editors write beside the real ones while saving.
public enum WatchFilter {
    /// The folders watched, relative to the hub root. hub.yml lives in content/.
    public static let folders = ["content", "templates"]

    /// False for hidden files and folders (the build skips them: `.foo.md.swp`, `.#foo.md`,
    /// `.git/`) and for editor temporaries: `foo.md~`, `foo.swp`, `#foo.md#`, vim's
    /// write test file `4913`, JetBrains' `foo.md___jb_tmp___`.
    public static func isRelevant(_ relativePath: String) -> Bool {
        let components = relativePath.split(separator: "/")
        guard let name = components.last else { return false }
        if components.contains(where: { $0.hasPrefix(".") }) { return false }
        if name.hasSuffix("~") || name == "4913" { return false }
        if name.hasPrefix("#") && name.hasSuffix("#") { return false }
        for suffix in [".swp", ".swx", ".swo", ".tmp", "___jb_tmp___", "___jb_old___"] where name.hasSuffix(suffix) { return false }
        return true
    }
}
