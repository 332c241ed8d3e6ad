/// One Markdown file of content/: a collection entry, a section intro (`_index.md`), the
/// home page (`index.md`) or a top-level page.
public struct Entry: Sendable, Equatable {
    public enum Kind: Sendable, Hashable {
        case entry
        /// `_index.md`: introduces the collection's index page.
        case sectionIntro
        case home
        case page
    }

    /// `kpis/average-handle-time`; `index` for the home page; `kpis` for a section intro.
    public var id: String
    public var kind: Kind
    /// The collection name, or nil for home and top-level pages.
    public var collection: String?
    /// Last segment of the id.
    public var slug: String
    /// Path relative to the hub root: `content/kpis/average-handle-time.md`.
    public var source: String

    public var title: String
    public var summary: String?
    public var tags: [String]
    public var draft: Bool
    public var weight: Int?
    public var aliases: [Located<String>]
    public var updated: CalendarDate?
    public var layout: Located<String>?
    /// Collection fields, by name.
    public var fields: [String: FieldValue]
    /// Where each front-matter key was written, for diagnostics about its value as a whole.
    public var fieldLocations: [String: SourceLocation] = [:]

    /// `ContentHash` of the file's bytes when it was loaded. The Markdown body is not kept in
    /// memory (on a large hub it would be a fifth of a build's memory): a body without a
    /// template (`MarkdownAnalysis.template`) is rendered from the file, read again and checked
    /// to still hash to this (`EntryBody`).
    public var sourceHash: UInt64 = 0
    /// Lines before the body (the front matter block), added to Markdown positions.
    public var bodyLineOffset: Int
    public var markdown: MarkdownAnalysis

    /// Where the URL of the page is, relative to the site root (`kpis/aht/`, or `` for home).
    public var sitePath: String {
        switch kind {
        case .home: return ""
        case .sectionIntro: return id + "/"
        case .entry, .page: return id + "/"
        }
    }
}
