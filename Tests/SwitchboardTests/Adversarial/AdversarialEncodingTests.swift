import Foundation
import Testing
@testable import SwitchboardKit

/// Bytes that are not what an editor would save: binary files, empty files, byte-order
/// marks, every kind of line ending, invalid UTF-8, NUL bytes, and sheer size.
@Suite("Adversarial: encodings, line endings and size")
struct AdversarialEncodingTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]

    @Test func binaryFileWithAMarkdownName() async throws {
        let box = try await Sandbox("binary")
        try box.write("content/kpis/photo.md", bytes: Self.png)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/photo.md:1:1 SB005"], "\(report.human)")
    }

    @Test func zeroByteEntry() async throws {
        let box = try await Sandbox("zero")
        try box.write("content/kpis/empty.md", bytes: [])
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/empty.md:1:1 SB103", "content/kpis/empty.md:1:1 SB103",
                                     "content/kpis/empty.md:1:1 SB103"], "\(report.human)")
        #expect(report.diagnostics.map(\.message) == ["missing required field 'generation'", "missing required field 'title'",
                                                      "missing required field 'unit'"])
    }

    @Test func byteOrderMarkBeforeFrontMatter() async throws {
        let box = try await Sandbox("bom")
        try box.write("content/kpis/bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array("---\ntitle: With a BOM\nunit: s\ngeneration: legacy\n---\nBody.\n".utf8))
        try box.write("content/hub.yml", bytes: [0xEF, 0xBB, 0xBF] + Array(try box.read("content/hub.yml").utf8))
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        #expect(box.page("kpis/bom/index.html")?.contains("<h1>With a BOM</h1>") == true)
    }

    @Test func crlfLineEndingsKeepLineNumbers() async throws {
        let box = try await Sandbox("crlf")
        try box.write("content/kpis/crlf.md", "---\r\ntitle: CRLF\r\nunit: s\r\ngeneration: legacy\r\ncolour: red\r\n---\r\nSee [[nowhere]].\r\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/crlf.md:5:1 SB101", "content/kpis/crlf.md:7:5 SB300"], "\(report.human)")
    }

    @Test func mixedAndBareCarriageReturnLineEndings() async throws {
        let box = try await Sandbox("mixed-eol")
        try box.write("content/kpis/mixed.md", "---\ntitle: Mixed\r\nunit: s\rgeneration: legacy\n---\r\rOne.\n\r\nSee [[nowhere]].\r")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/mixed.md:9:5 SB300"], "\(report.human)")
    }

    @Test func invalidUTF8InTheMiddleOfAFile() async throws {
        let box = try await Sandbox("utf8")
        let text = Array("---\ntitle: Bad bytes\nunit: s\ngeneration: legacy\n---\nCafé au lait ".utf8) + [0xC3, 0x28] + Array(" here.\n".utf8)
        try box.write("content/kpis/latin.md", bytes: text)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/latin.md:6:14 SB005"], "\(report.human)")
    }

    @Test func overlongAndSurrogateEncodings() async throws {
        let box = try await Sandbox("utf8-overlong")
        try box.write("content/kpis/overlong.md", bytes: Array("---\ntitle: x\n".utf8) + [0xC0, 0xAF] + Array("\n---\n".utf8))
        try box.write("content/kpis/surrogate.md", bytes: Array("---\ntitle: ".utf8) + [0xED, 0xA0, 0x80] + Array("\n---\n".utf8))
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/overlong.md:3:1 SB005", "content/kpis/surrogate.md:2:8 SB005"], "\(report.human)")
    }

    @Test func nulBytesInMarkdown() async throws {
        let box = try await Sandbox("nul")
        try box.write("content/kpis/nul.md", bytes: Array("---\ntitle: NUL\nunit: s\ngeneration: legacy\n---\nBefore".utf8) + [0] + Array("after.\n".utf8))
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/nul.md:1:1 SB005"], "\(report.human)")
    }

    @Test func binaryHubConfig() async throws {
        let box = try await Sandbox("binary-config")
        try box.write("content/hub.yml", bytes: Self.png)
        let report = await box.build()
        #expect(report.summaries == ["content/hub.yml:1:1 SB005"], "\(report.human)")
    }

    @Test func binaryTemplateAndDataFiles() async throws {
        let box = try await Sandbox("binary-data")
        try box.write("templates/partials/logo.mustache", bytes: Self.png)
        try box.write("content/data/vendors.csv", bytes: Self.png)
        let report = await box.build()
        #expect(report.summaries == ["content/data/vendors.csv:1:1 SB005", "templates/partials/logo.mustache:1:1 SB005"], "\(report.human)")
    }

    @Test func binaryStaticFilesAreCopiedAsTheyAre() async throws {
        let box = try await Sandbox("binary-static")
        try box.write("content/img/photo.png", bytes: Self.png)
        try box.edit("content/index.md", replacing: "Compare the", with: "![A photo](img/photo.png) Compare the")
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        #expect(FileManager.default.contents(atPath: box.output.appendingPathComponent("img/photo.png").path) == Data(Self.png))
    }

    @Test func tenMegabyteEntry() async throws {
        let box = try await Sandbox("10mb")
        var body = ""
        body.reserveCapacity(10_500_000)
        let paragraph = "The contact centre measures [handle time](average-handle-time.md) and **containment** every week; "
            + "a long paragraph of ordinary prose with _emphasis_ and `code` in it.\n\n"
        var n = 0
        while body.utf8.count < 10_000_000 {
            if n % 500 == 0 { body += "## Section \(n / 500)\n\n" }
            body += paragraph
            n += 1
        }
        try box.kpi("huge", body: body)
        let clock = ContinuousClock.now
        let report = await box.build()
        #expect(report.summaries.isEmpty, "\(report.human)")
        #expect(ContinuousClock.now - clock < .seconds(120))
        let html = try #require(box.page("kpis/huge/index.html"))
        #expect(html.utf8.count > 10_000_000)
    }

    @Test func veryLongLines() async throws {
        let box = try await Sandbox("long-line")
        let word = "lorem ipsum dolor sit amet "
        let line = String(repeating: word, count: 2_000_000 / word.count)
        try box.kpi("long", frontMatter: "summary: \(String(repeating: "x", count: 200_000))\n", body: line + "[[nowhere]]\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/long.md:7:\(line.count + 1) SB300"], "\(report.human)")
    }

    @Test func tenThousandLinksInOnePage() async throws {
        let box = try await Sandbox("10k-links")
        var body = ""
        for i in 0..<10_000 {
            switch i % 4 {
            case 0: body += "[AHT \(i)](average-handle-time.md#formula) "
            case 1: body += "[[kpis/containment]] "
            case 2: body += "[[glossary/containment|term \(i)]] "
            default: body += "<https://example.org/\(i)> "
            }
            if i % 10 == 9 { body += "\n\n" }
        }
        try box.kpi("links", body: body + "\nAnd one [broken](nowhere.md).\n")
        let clock = ContinuousClock.now
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/links.md:2007:9 SB300"], "\(report.human)")
        #expect(ContinuousClock.now - clock < .seconds(60))
        try box.edit("content/kpis/links.md", replacing: "And one [broken](nowhere.md).", with: "")
        let fixed = await box.build()
        #expect(fixed.summaries.isEmpty, "\(fixed.human)")
        let html = try #require(box.page("kpis/links/index.html"))
        #expect(html.components(separatedBy: "href=\"/kpis/average-handle-time/#formula\"").count - 1 == 2_500)
    }

    @Test func tenThousandBrokenLinksAreTenThousandDiagnostics() async throws {
        let box = try await Sandbox("10k-broken")
        let body = (0..<10_000).map { "[[missing-\($0)]]" }.joined(separator: "\n") + "\n"
        try box.kpi("broken", body: body)
        let clock = ContinuousClock.now
        let report = await box.build()
        #expect(ContinuousClock.now - clock < .seconds(60))
        #expect(report.diagnostics.count == 10_000)
        #expect(report.summaries.first == "content/kpis/broken.md:6:1 SB300")
        #expect(report.summaries.last == "content/kpis/broken.md:10005:1 SB300")
    }

    @Test func deeplyNestedListsAndQuotes() async throws {
        let box = try await Sandbox("nesting")
        var lists = ""
        for depth in 0..<1_000 { lists += String(repeating: "  ", count: depth) + "- item \(depth)\n" }
        let quotes = String(repeating: ">", count: 10_000) + " deep [[nowhere]]\n"
        try box.kpi("nested", body: lists + "\n" + quotes)
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/nested.md:1007:10007 SB300"], "\(report.human)")
    }

    @Test func deeplyNestedInlines() async throws {
        let box = try await Sandbox("inline-nesting")
        let depth = 20_000
        let emphasis = String(repeating: "*a ", count: depth) + "x" + String(repeating: " a*", count: depth)
        let brackets = String(repeating: "[", count: depth) + "x" + String(repeating: "](y)", count: depth)
        let links = String(repeating: "[[", count: depth) + "x" + String(repeating: "]]", count: depth)
        try box.kpi("inline", body: emphasis + "\n\n" + brackets + "\n\n" + links + "\n")
        let report = await box.build()
        #expect(report.summaries == ["content/kpis/inline.md:8:20000 SB300", "content/kpis/inline.md:10:39999 SB300"], "\(report.human)")
    }
}
