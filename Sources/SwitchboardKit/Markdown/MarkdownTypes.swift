/// How Markdown is read and written; set by `markdown:` in hub.yml.
public struct MarkdownOptions: Sendable, Hashable {
    /// Curly quotes, en and em dashes, ellipses.
    public var smartPunctuation: Bool = true
    /// Keep raw HTML blocks and inline HTML. Off by default: authored HTML could carry script.
    public var unsafeHTML: Bool = false
    /// Render every newline inside a paragraph as a line break.
    public var hardBreaks: Bool = false
    /// Heading levels listed in the table of contents.
    public var tocLevels: ClosedRange<Int> = 2...3

    public init(smartPunctuation: Bool = true, unsafeHTML: Bool = false, hardBreaks: Bool = false) {
        self.smartPunctuation = smartPunctuation
        self.unsafeHTML = unsafeHTML
        self.hardBreaks = hardBreaks
    }
}

/// How a link was written in the source.
public enum LinkForm: String, Sendable, Hashable {
    /// `[label](target)` or an autolink.
    case markdown
    /// `[[target]]`, `[[target|label]]`, `[[target#anchor]]`.
    case wikilink
    /// `![alt](src)`.
    case image
}

/// A link as written in an entry's Markdown, with where it stands in the file.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination exactly as written (URL, relative path, or wikilink target).
    public var target: String
    public var form: LinkForm
    /// False for a wikilink without `|label`: its text becomes the target's title.
    public var hasLabel: Bool
    /// The link text as the reader sees it.
    public var label: String
    /// 1-based line in the source file and 1-based column (in characters) on that line.
    public var line: Int
    public var column: Int
    /// The rest of the sentence around the link, for "Referenced by".
    public var contextBefore: String
    public var contextAfter: String
}

/// A heading and the id it got.
public struct MarkdownHeading: Sendable, Hashable {
    public var id: String
    public var text: String
    public var level: Int
    public var line: Int
}

/// Everything the later stages need to know about an entry's Markdown, without keeping the
/// cmark tree alive: the ids that links may target, the links to check, the words to index.
public struct MarkdownAnalysis: Sendable, Equatable {
    public var headings: [MarkdownHeading] = []
    public var links: [MarkdownLink] = []
    /// Places where raw HTML was dropped (only collected when unsafe HTML is off).
    public var droppedHTML: [SourceLocation] = []
    /// Table rows with more cells than their header: the extra cells are not shown.
    public var overflowingRows: [SourceLocation] = []
    /// Places where a `javascript:`-like URL was removed.
    public var unsafeURLs: [SourceLocation] = []
    /// The reader-visible text, paragraph by paragraph, for summaries and search.
    public var plainText: String = ""
    /// The body's HTML with its links left to fill in, when the build asked for it and the
    /// body can hold the placeholders; otherwise the page renders the body again.
    public var template: BodyTemplate?
}

/// What the render step decided for each link, in the order of `MarkdownAnalysis.links`.
public struct ResolvedLink: Sendable, Hashable {
    public var url: String
    /// The text to show for a wikilink written without a label (the target's title).
    public var label: String?
    public var cssClass: String?

    public init(url: String, label: String? = nil, cssClass: String? = nil) {
        self.url = url
        self.label = label
        self.cssClass = cssClass
    }
}
