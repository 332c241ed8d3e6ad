import Foundation

/// An entry's Markdown body, read from its file again when its page is rendered: a build keeps
/// only what it learnt from the body (`MarkdownAnalysis`), not the body itself.
enum EntryBody {
    /// The body of a file's text as loading splits it: what follows the front matter, or the
    /// whole text when there is none (or it is never closed).
    static func of(_ text: String) -> String {
        switch FrontMatter.split(text) {
        case .success(let split): return split.body
        case .failure: return text
        }
    }

    /// The body of `entry`, from its file under `root`; a diagnostic when the file can no
    /// longer be read or no longer holds the bytes it was loaded from (it changed during the
    /// build: rendering it now would mix two versions of it).
    static func read(_ entry: Entry, root: String) -> Result<String, Diagnostic> {
        guard let bytes = FileBytes.contents(of: root + "/" + entry.source), ContentHash.of(bytes).value == entry.sourceHash,
              case .success(let text) = SourceText.decode(bytes) else {
            return .failure(.error(.unreadableFile, "this file changed while the hub was being built",
                                   at: SourceLocation(file: entry.source), hint: "build again"))
        }
        return .success(of(text))
    }
}
