import Foundation
import Testing
@testable import SwitchboardKit

/// Names and paths: Unicode, spaces, case collisions, duplicate slugs, and every place a path
/// can be written (file names, aliases, layouts, template and partial names, data-file refs,
/// rubric refs, link targets, symlinks) tried with traversal. Nothing may be read from or
/// written to outside the hub and the output folder.
@Suite("Adversarial: names, paths and traversal")
struct AdversarialPathTests {
    @Test func unicodeAndSpacesInFileNames() async throws {
        let box = try await Sandbox("unicode-names")
        try box.kpi("Coût par résolution", title: "Coût")
        try box.kpi("顧客満足度", title: "CSAT")
        try box.kpi("first contact   resolution", title: "FCR")
        try box.write("content/index.md", try box.read("content/index.md")
            + "\n[[cout-par-resolution]] [[kpis/顧客満足度]] [FCR](kpis/first%20contact%20%20%20resolution.md)\n")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        #expect(box.exists("kpis/cout-par-resolution/index.html"))
        #expect(box.exists("kpis/顧客満足度/index.html"))
        #expect(box.exists("kpis/first-contact-resolution/index.html"))
    }

    @Test func namesThatDifferOnlyInCase() async throws {
        let box = try await Sandbox("case-collision")
        try box.kpi("Average-Handle-Time", title: "Shouting")
        let report = await box.build()
        // The first file (in byte order) keeps the id; links written to the other one fail.
        #expect(report.summaries == ["content/index.md:4:12 SB300", "content/kpis/average-handle-time.md:1:1 SB109",
                                     "content/kpis/containment.md:7:59 SB301"], "\(report.human)")
        #expect(report.diagnostics[1].message == "'content/kpis/average-handle-time.md' and 'content/kpis/Average-Handle-Time.md' both become the page 'kpis/average-handle-time'")
    }

    @Test func duplicateSlugsAcrossFolders() async throws {
        let box = try await Sandbox("dup-slugs")
        try box.write("content/glossary/average-handle-time.md", "---\ntitle: AHT, the term\n---\nSee [[average-handle-time]].\n")
        let report = await box.build()
        // The short wikilink that was unique before is now ambiguous too.
        #expect(report.summaries == ["content/glossary/average-handle-time.md:4:5 SB302", "content/kpis/containment.md:7:59 SB302"],
                "\(report.human)")
        #expect(report.diagnostics.first?.hint == "write the full id, e.g. [[glossary/average-handle-time]]")
    }

    @Test func namesWithNothingToMakeAURLFrom() async throws {
        let box = try await Sandbox("empty-slugs")
        try box.kpi("---")
        try box.kpi("…")
        try box.write("content/kpis/—/entry.md", "---\ntitle: x\nunit: s\ngeneration: legacy\n---\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/---.md:1:1 SB110", "content/kpis/—/entry.md:1:1 SB110",
                                     "content/kpis/….md:1:1 SB110"], "\(report.human)")
    }

    @Test func tagNamesThatSlugToNothing() async throws {
        let box = try await Sandbox("empty-tags")
        try box.kpi("tagged", frontMatter: "tags: [\"!!!\", \"   \", ok]\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/tagged.md:1:1 SB110", "content/kpis/tagged.md:1:1 SB110"], "\(report.human)")
    }

    @Test func addressesTooLongForAFileSystem() async throws {
        let box = try await Sandbox("long-names")
        let folder = String(repeating: "a", count: 200)
        try box.kpi("\(folder)/\(folder)/\(folder)/\(folder)/\(folder)/deep", title: "Deep")
        try box.kpi("long-tag", frontMatter: "tags: [\"\(String(repeating: "t", count: 300))\"]\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/\(folder)/\(folder)/\(folder)/\(folder)/\(folder)/deep.md:1:1 SB110",
                                     "content/kpis/long-tag.md:5:1 SB110"], "\(report.human)")
    }

    @Test func percentEncodedDotsAsFolderNames() async throws {
        let box = try await Sandbox("pct-dots")
        try box.write("content/%2e%2e/escape.md", "---\ntitle: Escape\n---\n")
        try box.kpi("%2e%2e/%2E%2E/inner", title: "Inner")
        let report = await box.build()
        #expect(report.summaries == ["content/%2e%2e/escape.md:1:1 SB108"], "\(report.human)")
        try box.remove("content/%2e%2e")
        let second = await box.build()
        #expect(second.summaries.isEmpty, "\(second.human)")
        #expect(box.exists("kpis/2e-2e/2e-2e/inner/index.html"), "percent signs are not decoded into a path")
    }

    @Test func hiddenAndDotFoldersAreSkipped() async throws {
        let box = try await Sandbox("dot-folders")
        try box.write("content/kpis/.../x.md", "---\ntitle: [broken\n---\n")
        try box.write("content/.git/config.md", "not even front matter")
        try box.write("content/kpis/.hidden.md", "---\n")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
    }

    @Test func aliasesThatClimbOrAreNotPaths() async throws {
        let box = try await Sandbox("aliases")
        try box.kpi("moved", frontMatter: """
            aliases:
              - ../../etc
              - /../../etc/passwd
              - '..\\..\\windows'
              - https://evil.example/
              - /ok/%2e%2e/
              - /.hidden/
              - "/a/\\u0000/b"
              - /fine/old-address/

            """)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/moved.md:6:5 SB307", "content/kpis/moved.md:7:5 SB307", "content/kpis/moved.md:8:5 SB307",
                                     "content/kpis/moved.md:9:5 SB307", "content/kpis/moved.md:11:5 SB307", "content/kpis/moved.md:12:5 SB307"],
                "\(report.human)")
        try box.write("content/kpis/moved.md", try box.read("content/kpis/moved.md").split(separator: "\n")
            .filter { !($0.contains("etc") || $0.contains("windows") || $0.contains("evil") || $0.contains("hidden") || $0.contains("u0000")) }
            .joined(separator: "\n") + "\n")
        let fixed = await box.build()
        #expect(fixed.summaries.isEmpty, "\(fixed.human)")
        #expect(box.exists("fine/old-address/index.html"))
        #expect(box.exists("ok/%2e%2e/index.html"), "a literal folder name, inside the output")
    }

    @Test func aliasThatIsAnotherPagesAddress() async throws {
        let box = try await Sandbox("alias-collision")
        try box.kpi("moved", frontMatter: "aliases: [/kpis/containment/, /kpis/]\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/moved.md:5:11 SB306", "content/kpis/moved.md:5:31 SB306"], "\(report.human)")
    }

    @Test func layoutThatClimbsOutOfTheTemplates() async throws {
        let box = try await Sandbox("layout-traversal")
        try box.kpi("passwd", frontMatter: "layout: ../../etc/passwd\n")
        try box.kpi("absolute", frontMatter: "layout: /etc/passwd\n")
        try box.kpi("hidden", frontMatter: "layout: partials/../../x\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/absolute.md:5:9 SB203", "content/kpis/hidden.md:5:9 SB203",
                                     "content/kpis/passwd.md:5:9 SB203"], "\(report.human)")
    }

    @Test func collectionLayoutsAndPageLayoutThatClimb() async throws {
        let box = try await Sandbox("config-layout-traversal")
        try box.edit("content/hub.yml", replacing: "  glossary:\n    title: \"Glossary\"",
                     with: "  glossary:\n    title: \"Glossary\"\n    layout: ../../../etc/passwd\n    list_layout: ../list")
        try box.edit("content/hub.yml", replacing: "language: en", with: "language: en\npage_layout: ../secret")
        try box.write("content/about.md", "---\ntitle: About\n---\n")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:6:14 SB203", "content/hub.yml:33:13 SB203", "content/hub.yml:34:18 SB203"],
                "\(report.human)")
    }

    @Test func partialsThatClimbOrDoNotExist() async throws {
        let box = try await Sandbox("partial-traversal")
        try box.write("templates/entry.mustache", "{{<base}}{{$main}}{{> ../../../../etc/passwd}}{{> /etc/hostname}}{{/main}}{{/base}}\n")
        let report = await box.build()
        #expect(report.summaries == ["templates/entry.mustache:1:19 SB201", "templates/entry.mustache:1:47 SB201"], "\(report.human)")
    }

    @Test func rubricRefThatClimbsOutOfContent() async throws {
        let box = try await Sandbox("rubric-traversal")
        // A file outside the hub that must never be read (nor quoted in a message).
        try Data("title: SECRET\nscale: {min: 1, max: 5}\ndimensions: [{id: ai-core, name: SECRET, levels: [a, b, c, d, e]}]\n".utf8)
            .write(to: box.root.appendingPathComponent("secret.yml"))
        try box.edit("content/hub.yml", replacing: "rubric: data/rubric.yml", with: "rubric: ../../secret.yml")
        let report = await box.build()
        // Without its rubric the assessment has no pages, so links to them fail too.
        #expect(report.summaries == ["content/hub.yml:14:36 SB300", "content/hub.yml:36:7 SB408", "content/hub.yml:44:13 SB003",
                                     "content/index.md:7:13 SB300"], "\(report.human)")
        #expect(report.diagnostics[2].message == "rubric '../../secret.yml' of assessment 'maturity' is not a path inside content/")
        #expect(!report.human.contains("SECRET"))
    }

    @Test func vendorFilesThatClimbOrAreAbsolute() async throws {
        let box = try await Sandbox("vendor-traversal")
        try Data("id,name,note,ai-core,commercial\nleak,SECRET VENDOR,x,1,1\n".utf8).write(to: box.root.appendingPathComponent("secret.csv"))
        try box.edit("content/hub.yml", replacing: "      - data/vendors.csv", with: "      - data/vendors.csv\n      - ../../secret.csv\n      - /etc/passwd\n      - data/../../../secret.csv")
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:49:9 SB003", "content/hub.yml:50:9 SB003", "content/hub.yml:51:9 SB003"], "\(report.human)")
        #expect(!report.human.contains("SECRET"))
    }

    @Test func dataFilesThatAreSymlinksOutOfTheHub() async throws {
        let box = try await Sandbox("data-symlink")
        try Data("id,name,note,ai-core,commercial\nleak,SECRET VENDOR,x,1,1\n".utf8).write(to: box.root.appendingPathComponent("secret.csv"))
        try box.remove("content/data/vendors.csv")
        try FileManager.default.createSymbolicLink(atPath: box.url("content/data/vendors.csv").path, withDestinationPath: "../../../secret.csv")
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv SB006", "content/hub.yml:42:3 SB006"], "\(report.human)")
        #expect(report.diagnostics.map(\.severity) == [.warning, .error])
        #expect(!report.human.contains("SECRET"))
    }

    @Test func assessmentPathsThatAreNotPlainFolders() async throws {
        let box = try await Sandbox("assessment-path")
        try box.edit("content/hub.yml", replacing: "    path: compare", with: "    path: /compare//x/")
        let report = await box.build()
        #expect(report.summaries.contains("content/hub.yml:45:11 SB003"), "\(report.human)")
        #expect(report.diagnostics.allSatisfy { $0.location?.file == "content/hub.yml" || $0.code == .brokenLink }, "\(report.human)")
        try box.edit("content/hub.yml", replacing: "    path: /compare//x/", with: "    path: ../../up")
        let second = await box.build()
        #expect(second.summaries.contains("content/hub.yml:45:11 SB003"), "\(second.human)")
    }

    @Test func rubricReferencesToPagesThatClimb() async throws {
        let box = try await Sandbox("rubric-ref-traversal")
        try box.edit("content/data/rubric.yml", replacing: "kpis: [kpis/containment]", with: "kpis: [../x, ../../etc/passwd]")
        let report = await box.build()
        #expect(report.summaries == ["content/data/rubric.yml:11:12 SB300", "content/data/rubric.yml:11:18 SB300"], "\(report.human)")
    }

    @Test func vendorIDsThatArePaths() async throws {
        let box = try await Sandbox("vendor-ids")
        try box.write("content/data/vendors.csv", "id,name,note,ai-core,commercial\nacme/../../x,A,n,1,1\n../etc,B,n,1,1\n\"a\\\\b\",C,n,2,2\nok,D,n,3,3\n")
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv:2:1 SB407", "content/data/vendors.csv:3:1 SB407",
                                     "content/data/vendors.csv:4:1 SB407"], "\(report.human)")
    }

    @Test func linkTargetsThatClimb() async throws {
        let box = try await Sandbox("link-traversal")
        try box.kpi("climb", body: """
            [a](../../../../etc/passwd)
            [b](../../../../etc/passwd.md)
            [c](/../../etc/hosts)
            [d](%2e%2e/%2e%2e/%2e%2e/etc/passwd)
            [[../../etc/passwd]]
            ![e](../../../../../../etc/shadow.png)
            [f](..%2f..%2f..%2fhub.yml)

            """)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/climb.md:6:1 SB300", "content/kpis/climb.md:7:1 SB300", "content/kpis/climb.md:8:1 SB300",
                                     "content/kpis/climb.md:9:1 SB300", "content/kpis/climb.md:10:1 SB300", "content/kpis/climb.md:11:1 SB300",
                                     "content/kpis/climb.md:12:1 SB300"], "\(report.human)")
    }

    @Test func linksToTheHubConfigAndDataAreNotPublished() async throws {
        let box = try await Sandbox("link-config")
        try box.kpi("config", body: "[config](../hub.yml) [data](../data/vendors.csv)\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/config.md:6:1 SB300", "content/kpis/config.md:6:22 SB300"], "\(report.human)")
    }

    @Test func symlinksThatPointOutsideTheHub() async throws {
        let box = try await Sandbox("symlinks-out")
        let outside = box.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("---\ntitle: SECRET\nunit: s\ngeneration: legacy\n---\nSECRET\n".utf8).write(to: outside.appendingPathComponent("secret.md"))
        try Data("SECRET".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: box.url("content/kpis/secret.md").path, withDestinationPath: outside.appendingPathComponent("secret.md").path)
        try fm.createSymbolicLink(atPath: box.url("content/leak.txt").path, withDestinationPath: "../../outside/secret.txt")
        try fm.createSymbolicLink(atPath: box.url("content/etc").path, withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: box.url("templates/assets/passwd.css").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: box.url("templates/secret.mustache").path, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        let report = await box.build()
        #expect(report.summaries == ["content/etc SB006", "content/kpis/secret.md SB006", "content/leak.txt SB006",
                                     "templates/assets/passwd.css SB006", "templates/secret.mustache SB006"], "\(report.human)")
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
        let written = Hubs.snapshot(box.output)
        #expect(!written.values.contains { String(decoding: $0, as: UTF8.self).contains("SECRET") || String(decoding: $0, as: UTF8.self).contains("root:") })
    }

    @Test func symlinksInsideTheHubAndLoops() async throws {
        let box = try await Sandbox("symlinks-in")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: box.url("content/kpis/aht-again.md").path, withDestinationPath: "average-handle-time.md")
        try fm.createSymbolicLink(atPath: box.url("content/kpis/loop").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: box.url("content/kpis/dangling.md").path, withDestinationPath: "does-not-exist.md")
        try fm.createSymbolicLink(atPath: box.url("content/glossary/up").path, withDestinationPath: "..")
        let report = await box.build()
        #expect(report.summaries == ["content/glossary/up/glossary/containment.md:1:1 SB109"] || report.summaries.isEmpty, "\(report.human)")
        #expect(box.exists("kpis/aht-again/index.html") || report.failed)
    }

    @Test func pagesThatTakeTheAddressOfGeneratedPages() async throws {
        let box = try await Sandbox("generated-collision")
        try box.write("content/compare.md", "---\ntitle: Mine\n---\n")
        try box.write("content/tags.md", "---\ntitle: Tags\n---\n")
        try box.write("content/search.md", "---\ntitle: Search\n---\n")
        let report = await box.build()
        #expect(report.summaries == ["content/compare.md:1:1 SB501", "content/search.md:1:1 SB109", "content/tags.md:1:1 SB109"],
                "\(report.human)")
    }

    @Test func staticFilesThatWouldOverwriteGeneratedOnes() async throws {
        let box = try await Sandbox("static-collision")
        try box.write("content/sitemap.xml", "<urlset>mine</urlset>")
        try box.write("content/404.html", "<p>mine</p>")
        try box.write("content/kpis/containment/index.html", "<script>alert(1)</script>")
        try box.write("content/assets/x.css", "body{}")
        let report = await box.build()
        #expect(report.summaries == ["content/404.html SB501", "content/kpis/containment/index.html SB501", "content/sitemap.xml SB501"],
                "\(report.human)")
    }

    @Test func staticFilesWhereTheBuildNeedsAFolderOrUnderOneOfItsFiles() async throws {
        let box = try await Sandbox("static-folder-collision")
        try box.write("content/kpis/containment", "a file where the page's folder goes")
        try box.write("content/search", "a file where the search index's folder goes")
        try box.write("content/sitemap.xml/notes.txt", "a file under a generated file")
        try box.write("content/kpis/average-handle-time/index.html/x.txt", "a file under a page")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/average-handle-time/index.html/x.txt SB501", "content/kpis/containment SB501",
                                     "content/search SB501", "content/sitemap.xml/notes.txt SB501"], "\(report.human)")
        #expect(report.human.contains("'content/kpis/containment' would take the name of the folder 'kpis/containment/'"), "\(report.human)")
        #expect(report.human.contains("'content/sitemap.xml/notes.txt' would need 'sitemap.xml' to be a folder"), "\(report.human)")
    }

    @Test func aliasesThatWouldOverwriteAPageOrNeedAFileAsAFolder() async throws {
        let box = try await Sandbox("alias-file-collision")
        try box.kpi("moved", frontMatter: """
            aliases:
              - /kpis/containment/index.html
              - /sitemap.xml/
              - /kpis/containment/index.html/old/
              - /search/d/
              - /kpis/moved-before.html
              - /kpis/moved-before.html/
            """ + "\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/moved.md:6:5 SB306", "content/kpis/moved.md:7:5 SB306", "content/kpis/moved.md:8:5 SB306",
                                     "content/kpis/moved.md:9:5 SB306", "content/kpis/moved.md:11:5 SB306"], "\(report.human)")
        #expect(report.diagnostics.first?.message == "alias '/kpis/containment/index.html' would be written where the build already writes 'kpis/containment/index.html'")
        #expect(report.diagnostics[1].message == "alias '/sitemap.xml/' would need 'sitemap.xml' to be a folder, where the build writes a file")
        #expect(report.diagnostics[4].message == "alias '/kpis/moved-before.html/' would need 'kpis/moved-before.html' to be a folder, where the build writes a file")
    }

    @Test func aliasesThatFitAreRedirects() async throws {
        let box = try await Sandbox("alias-fits")
        try box.kpi("moved", frontMatter: "aliases: [/kpis/moved-before.html, /old/kpis/moved/, /assets/old/]\n")
        let report = await box.build()
        #expect(report.summaries == [], "\(report.human)")
        for alias in ["kpis/moved-before.html", "old/kpis/moved/index.html", "assets/old/index.html"] {
            let page = try String(contentsOf: box.output.appendingPathComponent(alias), encoding: .utf8)
            #expect(page.contains("url=/kpis/moved/"), "\(alias): \(page)")
        }
    }
}
