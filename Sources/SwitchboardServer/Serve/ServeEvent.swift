import SwitchboardKit

/// What `serve` has to say, for the command line to print (or a test to check).
public enum ServeEvent: Sendable {
    /// The first build succeeded.
    case built(pages: Int, milliseconds: Int, warnings: [Diagnostic])
    /// The first build failed; the server shows an error page until the hub builds.
    case firstBuildFailed([Diagnostic])
    case listening(url: String)
    case watching(FileWatcher.Method)
    /// A rebuild succeeded; `changes` is what it changed in the served site, `rendered` how
    /// many of the `pages` it had to render again.
    case rebuilt(milliseconds: Int, changes: SiteChanges, rendered: Int, pages: Int, warnings: [Diagnostic])
    /// The search index a rebuild left for later (the edited page went out first) is made and served.
    case searchUpdated(milliseconds: Int)
    /// A rebuild failed; the last good build is still served.
    case rebuildFailed([Diagnostic], milliseconds: Int)
    case stopped
}
