import Testing
@testable import SwitchboardKit

@Suite("Link resolution")
struct LinkResolverTests {
    static let index: SiteIndex = {
        var index = SiteIndex()
        index.add(Page(id: "index", title: "Home", kind: .home, sitePath: "", anchors: ["welcome"]), source: "content/index.md")
        index.add(Page(id: "kpis", title: "KPIs", kind: .collectionIndex, sitePath: "kpis/", collection: "kpis"))
        index.add(Page(id: "glossary", title: "Glossary", kind: .collectionIndex, sitePath: "glossary/", collection: "glossary"))
        index.add(Page(id: "playbooks", title: "Playbooks", kind: .collectionIndex, sitePath: "playbooks/", collection: "playbooks"))
        index.add(Page(id: "kpis/aht", title: "Average handle time", kind: .entry, sitePath: "kpis/aht/", collection: "kpis",
                       anchors: ["formula", "pitfalls"]), source: "content/kpis/aht.md")
        index.add(Page(id: "kpis/containment", title: "Containment rate", kind: .entry, sitePath: "kpis/containment/",
                       collection: "kpis"), source: "content/kpis/containment.md")
        index.add(Page(id: "glossary/containment", title: "Containment", kind: .entry, sitePath: "glossary/containment/",
                       collection: "glossary"), source: "content/glossary/containment.md")
        index.add(Page(id: "playbooks/guide", title: "Guide", kind: .entry, sitePath: "playbooks/guide/", collection: "playbooks",
                       anchors: ["steps"]), source: "content/playbooks/guide.md")
        index.add(Page(id: "tags/ai", title: "AI", kind: .tag, sitePath: "tags/ai/"))
        index.addDraft(id: "kpis/old", source: "content/kpis/old.md")
        index.staticFiles.insert("img/chart.png")
        index.staticBySource["img/chart.png"] = "img/chart.png"
        return index
    }()

    static let root = LinkResolver(index: index, baseURL: BaseURL("https://example.org/")!)
    static let sub = LinkResolver(index: index, baseURL: BaseURL("https://example.org/cx-hub/")!)
    static let guide = index["playbooks/guide"]!
    static let source = "content/playbooks/guide.md"

    static func link(_ target: String, _ form: LinkForm = .markdown, line: Int = 7, column: Int = 3) -> MarkdownLink {
        MarkdownLink(target: target, form: form, hasLabel: true, label: "label", line: line, column: column,
                     contextBefore: "", contextAfter: "")
    }

    enum Result: Equatable {
        case external
        case page(String?, String)
        case error(String, String, String?)
    }

    static func resolve(_ target: String, _ form: LinkForm = .markdown, with resolver: LinkResolver = root) -> Result {
        switch resolver.resolve(link(target, form), from: guide, source: source) {
        case .external: return .external
        case .internal(let id, let url): return .page(id, url)
        case .failure(let d):
            #expect(d.location == SourceLocation(file: source, line: 7, column: 3), "diagnostics sit at the link")
            #expect(d.severity == .error)
            return .error(d.code.id, d.message, d.hint)
        }
    }

    // MARK: BaseURL

    @Test func baseURLKeepsOriginAndNormalisesTheSubPath() throws {
        let plain = try #require(BaseURL("https://example.org"))
        #expect(plain.origin == "https://example.org")
        #expect(plain.path == "/")
        let sub = try #require(BaseURL("https://example.org/cx-hub"))
        #expect(sub.path == "/cx-hub/")
        #expect(sub.url("kpis/aht/") == "/cx-hub/kpis/aht/")
        #expect(sub.url("") == "/cx-hub/")
        #expect(sub.absolute("sitemap.xml") == "https://example.org/cx-hub/sitemap.xml")
        #expect(BaseURL("http://localhost:8080//a//b/?q=1#x")?.path == "/a/b/")
        #expect(BaseURL("HTTPS://Example.org/Docs/")?.origin == "HTTPS://Example.org")
        #expect(BaseURL("HTTPS://Example.org/Docs/")?.path == "/Docs/")
    }

    @Test func baseURLRejectsWhatIsNotAnAbsoluteHTTPAddress() {
        for bad in ["example.org", "/cx-hub/", "ftp://example.org/", "https://", "https:///path", "https://exa mple.org/",
                    "https://example.org/../x", "https://example.org/a b/", "https://example.org/\"x\"/"] {
            #expect(BaseURL(bad) == nil, "\(bad)")
        }
    }

    // MARK: relative Markdown links

    @Test func relativeMarkdownLinkToASourceFile() {
        #expect(Self.resolve("../kpis/aht.md") == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("../kpis/aht.md#formula") == .page("kpis/aht", "/kpis/aht/#formula"))
        #expect(Self.resolve("./guide.md") == .page("playbooks/guide", "/playbooks/guide/"))
        #expect(Self.resolve("/kpis/aht.md") == .page("kpis/aht", "/kpis/aht/"), "a leading / is the content root")
        #expect(Self.resolve("../kpis/a%68t.md?x=1") == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("../index.md") == .page("index", "/"))
    }

    @Test func everyInternalURLCarriesTheBasePath() {
        #expect(Self.resolve("../kpis/aht.md#formula", with: Self.sub) == .page("kpis/aht", "/cx-hub/kpis/aht/#formula"))
        #expect(Self.resolve("aht", .wikilink, with: Self.sub) == .page("kpis/aht", "/cx-hub/kpis/aht/"))
        #expect(Self.resolve("/kpis/aht/", with: Self.sub) == .page("kpis/aht", "/cx-hub/kpis/aht/"))
        #expect(Self.resolve("../img/chart.png", with: Self.sub) == .page(nil, "/cx-hub/img/chart.png"))
        #expect(Self.resolve("#steps", with: Self.sub) == .page("playbooks/guide", "#steps"))
        #expect(Self.resolve("index", .wikilink, with: Self.sub) == .page("index", "/cx-hub/"))
    }

    @Test func relativeLinkToAMissingFile() {
        #expect(Self.resolve("../kpis/nope.md") == .error("SB300", "link to '../kpis/nope.md': no such file in content/",
                                                         "check the file name and the number of ../"))
    }

    @Test func relativeLinkToAFileInTheWrongFolderSuggestsTheRightOne() {
        #expect(Self.resolve("../glossary/aht.md") == .error("SB300", "link to '../glossary/aht.md': no such file in content/",
                                                            "did you mean 'kpis/aht.md'?"))
    }

    @Test func relativeLinkWithAnExtraLetterGetsASuggestion() {
        #expect(Self.resolve("../kpis/ahtt.md") == .error("SB300", "link to '../kpis/ahtt.md': no such file in content/",
                                                         "did you mean 'kpis/aht.md'?"))
    }

    @Test
    func relativeLinkWithTransposedLettersGetsASuggestion() {
        guard case .error("SB300", _, let hint?) = Self.resolve("../kpis/ath.md") else {
            Issue.record("expected a broken link"); return
        }
        #expect(hint.contains("kpis/aht.md"))
    }

    @Test func relativeLinkWithAMissingAnchor() {
        #expect(Self.resolve("../kpis/aht.md#formla") == .error("SB301", "'#formla' is not a heading of 'kpis/aht'",
                                                               "did you mean '#formula'?"))
        #expect(Self.resolve("../kpis/aht.md#zzzzzzzz") == .error("SB301", "'#zzzzzzzz' is not a heading of 'kpis/aht'",
                                                                 "headings of 'kpis/aht': #formula, #pitfalls"))
        #expect(Self.resolve("../kpis/containment.md#x") == .error("SB301", "'#x' is not a heading of 'kpis/containment'",
                                                                  "'kpis/containment' has no headings to link to"))
    }

    @Test func relativeLinkToADraft() {
        #expect(Self.resolve("../kpis/old.md") == .error("SB303", "link to 'kpis/old', which is a draft and is not built",
                                                        "publish it (remove `draft: true`), remove the link, or build with --drafts"))
    }

    @Test func relativeLinkLeavingContent() {
        #expect(Self.resolve("../../../secret.md") == .error("SB300", "link '../../../secret.md' leads outside content/",
                                                            "link to files inside the hub's content folder"))
    }

    @Test func emptyDestination() {
        guard case .error("SB300", "link has no destination", let hint?) = Self.resolve("") else {
            Issue.record("expected an error"); return
        }
        #expect(hint.contains("[label]("))
    }

    // MARK: site paths

    @Test func rootRelativeAndPageRelativeURLPaths() {
        #expect(Self.resolve("/kpis/aht/") == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("/kpis/aht") == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("/kpis/aht/index.html#pitfalls") == .page("kpis/aht", "/kpis/aht/#pitfalls"))
        #expect(Self.resolve("../../kpis/aht/") == .page("kpis/aht", "/kpis/aht/"), "relative to the page URL /playbooks/guide/")
        #expect(Self.resolve("/tags/ai/") == .page("tags/ai", "/tags/ai/"))
        #expect(Self.resolve("/img/chart.png") == .page(nil, "/img/chart.png"))
    }

    @Test func rootRelativePathToNothing() {
        #expect(Self.resolve("/kpis/ahh/") == .error("SB300", "link '/kpis/ahh/' points to no page or file of this hub",
                                                    "did you mean '/kpis/aht/'?"))
        #expect(Self.resolve("/nowhere-at-all/") == .error("SB300", "link '/nowhere-at-all/' points to no page or file of this hub",
                                                          "link to a source file (`../kpis/entry.md`) or use a wikilink (`[[kpis/entry]]`)"))
        guard case .error("SB300", let message, _) = Self.resolve("/../../x/") else { Issue.record("expected an error"); return }
        #expect(message == "link '/../../x/' climbs above the site root")
    }

    // MARK: same-page anchors

    @Test func samePageAnchors() {
        #expect(Self.resolve("#steps") == .page("playbooks/guide", "#steps"))
        #expect(Self.resolve("#top") == .page("playbooks/guide", "#top"))
        #expect(Self.resolve("#step") == .error("SB301", "'#step' is not a heading of 'playbooks/guide'", "did you mean '#steps'?"))
        #expect(Self.resolve("#", .markdown) == .page("playbooks/guide", "/playbooks/guide/"))
    }

    // MARK: wikilinks

    @Test func wikilinksByIdAndByUniqueSlug() {
        #expect(Self.resolve("kpis/aht", .wikilink) == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("aht", .wikilink) == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("aht#formula", .wikilink) == .page("kpis/aht", "/kpis/aht/#formula"))
        #expect(Self.resolve("kpis/aht.md", .wikilink) == .page("kpis/aht", "/kpis/aht/"))
        #expect(Self.resolve("/kpis/", .wikilink) == .page("kpis", "/kpis/"))
        #expect(Self.resolve("kpis/_index", .wikilink) == .page("kpis", "/kpis/"))
        #expect(Self.resolve("tags/ai", .wikilink) == .page("tags/ai", "/tags/ai/"))
        #expect(Self.resolve("home", .wikilink) == .page("index", "/"))
        #expect(Self.resolve("#steps", .wikilink) == .page("playbooks/guide", "#steps"))
    }

    @Test func wikilinkToAnUnknownIdSuggestsTheNearest() {
        #expect(Self.resolve("kpis/ahtt", .wikilink) == .error("SB300", "wikilink target 'kpis/ahtt' is not a page of this hub",
                                                              "did you mean 'kpis/aht'?"))
        #expect(Self.resolve("zzzzzzzzzz", .wikilink) == .error("SB300", "wikilink target 'zzzzzzzzzz' is not a page of this hub", nil))
    }

    @Test func wikilinkToAnAmbiguousSlug() {
        #expect(Self.resolve("containment", .wikilink) == .error(
            "SB302", "'containment' matches several entries: glossary/containment, kpis/containment",
            "write the full id, e.g. [[glossary/containment]]"))
        #expect(Self.resolve("kpis/containment", .wikilink) == .page("kpis/containment", "/kpis/containment/"))
    }

    @Test func wikilinkToADraft() {
        #expect(Self.resolve("kpis/old", .wikilink) == .error("SB303", "wikilink to 'kpis/old', which is a draft and is not built",
                                                             "publish it (remove `draft: true`), remove the link, or build with --drafts"))
    }

    @Test func wikilinkWithAnUnknownAnchor() {
        #expect(Self.resolve("aht#pitfals", .wikilink) == .error("SB301", "'#pitfals' is not a heading of 'kpis/aht'",
                                                                "did you mean '#pitfalls'?"))
    }

    @Test func wikilinkTitleLookup() {
        #expect(Self.root.title(ofWikilinkTarget: "aht#formula") == "Average handle time")
        #expect(Self.root.title(ofWikilinkTarget: "containment") == nil)
    }

    // MARK: external

    @Test func externalLinksAreLeftAlone() {
        for url in ["https://example.com/x", "mailto:a@example.org", "tel:+441234", "//cdn.example.org/x.js", "HTTP://X"] {
            #expect(Self.resolve(url) == .external, "\(url)")
        }
        #expect(!LinkResolver.isExternal("../kpis/aht.md"))
        #expect(LinkResolver.isExternal("kpis:aht"), "anything shaped like a scheme is a scheme")
        #expect(!LinkResolver.isExternal("1ab:x"))
    }

    // MARK: ref fields

    @Test func refsAreCheckedAgainstTheirCollection() throws {
        let at = SourceLocation(file: Self.source, line: 3, column: 9)
        #expect(try Self.root.resolveID("aht", at: at, form: "ref", collection: "kpis").get().id == "kpis/aht")
        #expect(try Self.root.resolveID("containment", at: at, form: "ref", collection: "kpis").get().id == "kpis/containment",
                "a slug is unambiguous within the field's collection")
        guard case .failure(let wrong) = Self.root.resolveID("glossary/containment", at: at, form: "ref", collection: "kpis") else {
            Issue.record("expected a bad ref"); return
        }
        #expect(wrong.code == .badRef)
        #expect(wrong.message == "'glossary/containment' is not an entry of 'kpis'")
        #expect(wrong.location == at)
        guard case .failure(let missing) = Self.root.resolveID("kpis/nope", at: at, form: "ref", collection: "kpis") else {
            Issue.record("expected a bad ref"); return
        }
        #expect(missing.code == .badRef)
        #expect(missing.message == "ref target 'kpis/nope' is not a page of this hub")
    }

    // MARK: helpers

    @Test func normaliseFoldsDotSegments() {
        #expect(LinkResolver.normalise("../kpis/./aht.md", relativeTo: "playbooks") == "kpis/aht.md")
        #expect(LinkResolver.normalise("a/b/", relativeTo: "") == "a/b/")
        #expect(LinkResolver.normalise("/x", relativeTo: "deep/er") == "x")
        #expect(LinkResolver.normalise("../../x", relativeTo: "one") == nil)
    }
}
