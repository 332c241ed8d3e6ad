/// A stable identifier for a kind of diagnostic. The `id` (`SB101`) and `name`
/// (`unknown-front-matter-key`) never change once released: CI pipelines filter on them.
/// `docs/diagnostics.md` lists every code.
public struct DiagnosticCode: Sendable, Hashable, Codable {
    public let id: String
    public let name: String
    public let summary: String

    init(_ id: String, _ name: String, _ summary: String) {
        self.id = id
        self.name = name
        self.summary = summary
    }
}

extension DiagnosticCode {
    // Hub configuration and environment (SB0xx)
    public static let missingHubConfig = DiagnosticCode("SB001", "missing-hub-config", "content/hub.yml does not exist")
    public static let hubConfigSyntax = DiagnosticCode("SB002", "hub-config-syntax", "content/hub.yml is not valid YAML")
    public static let hubConfigInvalid = DiagnosticCode("SB003", "hub-config-invalid", "a key or value in hub.yml is unknown or has the wrong type")
    public static let unreadableFile = DiagnosticCode("SB004", "unreadable-file", "a source file cannot be read, or changed while the hub was being built")
    public static let notUTF8 = DiagnosticCode("SB005", "not-utf8", "a source file is binary or not UTF-8 text")
    public static let symlinkOutside = DiagnosticCode("SB006", "symlink-outside-hub", "a symbolic link points outside the hub and is ignored")
    public static let badBaseURL = DiagnosticCode("SB007", "bad-base-url", "base_url is not an absolute http(s) URL")

    // Front matter and schema (SB1xx)
    public static let frontMatterSyntax = DiagnosticCode("SB100", "front-matter-syntax", "front matter is not valid YAML")
    public static let unknownKey = DiagnosticCode("SB101", "unknown-front-matter-key", "front matter has a key the collection does not declare")
    public static let wrongType = DiagnosticCode("SB102", "wrong-field-type", "a field's value has the wrong type")
    public static let missingRequired = DiagnosticCode("SB103", "missing-required-field", "a required field is missing")
    public static let badEnumValue = DiagnosticCode("SB104", "bad-enum-value", "an enum field has a value outside its list")
    public static let badDate = DiagnosticCode("SB105", "bad-date", "a date is not a real YYYY-MM-DD date")
    public static let unclosedFrontMatter = DiagnosticCode("SB106", "unclosed-front-matter", "front matter opens with --- but never closes")
    public static let frontMatterNotMapping = DiagnosticCode("SB107", "front-matter-not-mapping", "front matter is not a mapping of keys to values")
    public static let unknownCollection = DiagnosticCode("SB108", "unknown-collection", "a content folder is not declared as a collection")
    public static let duplicateID = DiagnosticCode("SB109", "duplicate-id", "two files map to the same page id")
    public static let badSlug = DiagnosticCode("SB110", "bad-slug", "a file or folder name cannot become a URL")
    public static let badRef = DiagnosticCode("SB111", "bad-ref", "a ref field names no entry of its collection")
    public static let duplicateKey = DiagnosticCode("SB112", "duplicate-key", "a YAML mapping has the same key twice")

    // Markdown (SB15x)
    public static let rawHTMLDropped = DiagnosticCode("SB150", "raw-html-dropped", "raw HTML was dropped because markdown.unsafe_html is off")
    public static let tableRowOverflow = DiagnosticCode("SB152", "table-row-overflow", "a table row has more cells than its header; the extra cells are not shown")
    public static let unsafeURL = DiagnosticCode("SB151", "unsafe-url", "a link or image URL uses a scheme that is never safe (javascript:, vbscript:, file:, data:)")

    // Templates and assets (SB2xx)
    public static let templateSyntax = DiagnosticCode("SB200", "template-syntax", "a Mustache template does not parse")
    public static let missingTemplate = DiagnosticCode("SB201", "missing-template", "a layout or partial names a template that does not exist")
    public static let templateRecursion = DiagnosticCode("SB202", "template-recursion", "a template includes itself through its partials")
    public static let badTemplateName = DiagnosticCode("SB203", "bad-template-name", "a layout name is not a plain template name")

    // Links and the graph (SB3xx)
    public static let brokenLink = DiagnosticCode("SB300", "broken-link", "a link points to no page or file")
    public static let unknownAnchor = DiagnosticCode("SB301", "unknown-anchor", "a link's #anchor is not a heading of the target page")
    public static let ambiguousLink = DiagnosticCode("SB302", "ambiguous-link", "a short wikilink matches entries in several collections")
    public static let linkToDraft = DiagnosticCode("SB303", "link-to-draft", "a link points to a draft that is not being built")
    public static let orphan = DiagnosticCode("SB304", "orphan-page", "no page links to this entry and no menu reaches it")
    public static let tooDeep = DiagnosticCode("SB305", "page-too-deep", "the page is more clicks from home than graph.max_depth")
    public static let aliasCollision = DiagnosticCode("SB306", "alias-collision", "an alias is the URL or file of another page, alias or generated file")
    public static let badAlias = DiagnosticCode("SB307", "bad-alias", "an alias is not a site path")

    // Assessments (SB4xx)
    public static let rubricInvalid = DiagnosticCode("SB400", "rubric-invalid", "the rubric file is missing a part or has a wrong value")
    public static let unknownDimension = DiagnosticCode("SB401", "unknown-dimension", "a score names a dimension the rubric does not have")
    public static let missingDimension = DiagnosticCode("SB402", "missing-dimension", "a scored subject has no score for a dimension")
    public static let scoreOutOfScale = DiagnosticCode("SB403", "score-out-of-scale", "a score is outside the rubric's scale")
    public static let scoreNotNumeric = DiagnosticCode("SB404", "score-not-numeric", "a score is not a number")
    public static let duplicateVendor = DiagnosticCode("SB405", "duplicate-vendor", "two vendors have the same id")
    public static let raggedRow = DiagnosticCode("SB406", "ragged-row", "a CSV row has more or fewer cells than the header")
    public static let csvSyntax = DiagnosticCode("SB407", "csv-syntax", "a CSV file is malformed (unclosed quote, missing header)")
    public static let unknownAssessment = DiagnosticCode("SB408", "unknown-assessment", "a scores field or data file names an assessment that is not declared")

    // Output (SB5xx)
    public static let outputFailed = DiagnosticCode("SB500", "output-failed", "the output folder could not be written; the previous one is kept")
    public static let pathCollision = DiagnosticCode("SB501", "output-path-collision", "two pages would be written to the same file")

    /// Every code, for the documentation and the JSON schema.
    public static let all: [DiagnosticCode] = [
        missingHubConfig, hubConfigSyntax, hubConfigInvalid, unreadableFile, notUTF8, symlinkOutside, badBaseURL,
        frontMatterSyntax, unknownKey, wrongType, missingRequired, badEnumValue, badDate, unclosedFrontMatter,
        frontMatterNotMapping, unknownCollection, duplicateID, badSlug, badRef, duplicateKey,
        rawHTMLDropped, unsafeURL, tableRowOverflow,
        templateSyntax, missingTemplate, templateRecursion, badTemplateName,
        brokenLink, unknownAnchor, ambiguousLink, linkToDraft, orphan, tooDeep, aliasCollision, badAlias,
        rubricInvalid, unknownDimension, missingDimension, scoreOutOfScale, scoreNotNumeric, duplicateVendor,
        raggedRow, csvSyntax, unknownAssessment,
        outputFailed, pathCollision,
    ]
}
