import Foundation
import Testing
import SwitchboardKit
@testable import SwitchboardScaffold

/// `switchboard init`: a hub that builds clean at once, with the repository's theme.
struct InitTests {
    @Test func aNewHubBuildsWithNoErrorsAndNoWarnings() async throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let report = await TestHubs.build(root)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        #expect(report.pagesWritten > 5)
        let paths = Set(report.files.keys)
        for page in ["index.html", "playbooks/run-a-service-review/index.html", "kpis/first-contact-resolution/index.html",
                     "glossary/contact/index.html", "404.html"] {
            #expect(paths.contains(page))
        }
    }

    @Test func theThemeIsTheRepositorysTemplatesFolder() throws {
        let templates = TestHubs.repositoryRoot.appendingPathComponent("templates")
        var onDisk: [String: [UInt8]] = [:]
        let walker = try #require(FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]))
        let prefix = templates.standardizedFileURL.path + "/"
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            onDisk[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = [UInt8](try Data(contentsOf: url))
        }
        let embedded = Dictionary(DefaultTheme.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted())
        let differing = onDisk.filter { embedded[$0.key] != $0.value }.keys.sorted()
        #expect(differing.isEmpty, "embedded theme files differ from templates/: \(differing)")
        #expect(embedded["base.mustache"] != nil)
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let folder = TestHubs.temporaryFolder("init")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: HubScaffold.Problem.notEmpty(folder.path)) { try HubScaffold.create(at: folder.path).get() }
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "notes")
    }

    @Test func acceptsAnEmptyFolderOrAFreshRepository() throws {
        let folder = TestHubs.temporaryFolder("init")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let written = try HubScaffold.create(at: folder.path).get()
        #expect(written.contains("content/hub.yml"))
        #expect(written.contains("templates/base.mustache"))
    }
}

/// `switchboard new`: front matter from the schema, refusing to overwrite, failing `check`
/// clearly until the placeholders are filled, and passing it once they are.
@Suite(.timeLimit(.minutes(10)))
struct NewEntryTests {
    @Test func writesFrontMatterFromTheSchema() throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let path = try EntryScaffold.create(root: root.path, collection: "kpis", title: "Average handle time").get()
        #expect(path == "content/kpis/average-handle-time.md")
        let text = try TestHubs.read(path, in: root)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "---")
        #expect(lines.contains("title: \"Average handle time\""))
        #expect(lines.contains { $0.hasPrefix("summary:") && $0.contains("# one sentence") })
        // Required fields, in schema order, with a comment naming type and values.
        let unit = try #require(lines.firstIndex { $0.hasPrefix("unit:") })
        let direction = try #require(lines.firstIndex { $0.hasPrefix("direction:") })
        #expect(unit < direction)
        #expect(lines[unit].contains("# required · text"))
        #expect(lines[direction].hasPrefix("direction: <higher-is-better | lower-is-better | target-range>"))
        #expect(lines[direction].contains("# required · one of: higher-is-better, lower-is-better, target-range"))
        // Optional fields are commented out.
        #expect(lines.contains { $0.hasPrefix("# formula: <text>") && $0.contains("optional · text") })
        #expect(lines.contains { $0.hasPrefix("# reviewed: YYYY-MM-DD") && $0.contains("a date written YYYY-MM-DD") })
    }

    @Test func namesTheTargetCollectionOfRefs() throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let path = try EntryScaffold.create(root: root.path, collection: "playbooks", title: "Plan the week").get()
        let text = try TestHubs.read(path, in: root)
        #expect(text.contains("# kpis: [<kpis/first-contact-resolution>]"))
        #expect(text.contains("a list of ids of kpis entries, like [kpis/first-contact-resolution]"))
        #expect(text.contains("effort: <hours | days | weeks>"))
        #expect(text.contains("# weight: <whole number>"))
    }

    @Test func refusesToOverwrite() throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let existing = try TestHubs.read("content/kpis/first-contact-resolution.md", in: root)
        #expect(throws: EntryScaffold.Problem.exists("content/kpis/first-contact-resolution.md")) {
            try EntryScaffold.create(root: root.path, collection: "kpis", title: "First-contact resolution").get()
        }
        #expect(try TestHubs.read("content/kpis/first-contact-resolution.md", in: root) == existing)
    }

    @Test func unknownCollectionsGetADidYouMean() throws {
        let root = try TestHubs.initHub()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let result = EntryScaffold.create(root: root.path, collection: "kpi", title: "X")
        guard case .failure(let problem) = result, case .unknownCollection(_, _, let hint) = problem else {
            Issue.record("expected an unknown collection, got \(result)")
            return
        }
        #expect(hint == "did you mean 'kpis'?")
        #expect(problem.message.contains("collections: playbooks, kpis, glossary"))
        guard case .failure(.emptySlug) = EntryScaffold.create(root: root.path, collection: "kpis", title: "!!!") else {
            Issue.record("expected an empty slug")
            return
        }
        guard case .failure(.noHub) = EntryScaffold.create(root: root.deletingLastPathComponent().path, collection: "kpis", title: "X") else {
            Issue.record("expected no hub")
            return
        }
    }

    /// Every collection of the bundled hub: as generated, the entries fail with clear
    /// missing/invalid-value errors at their own lines; filled in, the hub builds.
    @Test func failsClearlyAsGeneratedAndPassesOnceFilled() async throws {
        let root = try TestHubs.bundledHubCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let configText = try TestHubs.read("content/hub.yml", in: root)
        let config = try #require(HubConfigLoader.load(text: configText).0)
        var created: [(path: String, collection: CollectionSchema)] = []
        for collection in config.collections {
            let path = try EntryScaffold.create(root: root.path, collection: collection.name, title: "Scaffolded \(collection.name) entry").get()
            created.append((path, collection))
        }

        let generated = await TestHubs.build(root)
        for (path, collection) in created {
            let errors = generated.diagnostics.filter { $0.location?.file == path && $0.severity == .error }
            for field in collection.fields where field.required {
                #expect(errors.contains { $0.message.contains("'\(field.name)'") || $0.message.contains("of '") },
                        "\(path): no error names the required field '\(field.name)'")
            }
            let codes = Set(errors.map(\.code.id))
            #expect(codes.isSubset(of: ["SB102", "SB103", "SB104", "SB105", "SB402", "SB404"]), "\(path): \(errors.map(\.message))")
            #expect(errors.allSatisfy { ($0.location?.line ?? 0) > 1 }, "\(path): errors point at their lines")
        }

        let ids = EntryScaffold.exampleIDs(root: root.path, config: config)
        for (path, collection) in created {
            let filled = Filler.fill(try TestHubs.read(path, in: root), collection: collection, exampleIDs: ids)
            try TestHubs.write(filled, path, in: root)
        }
        let fixed = await TestHubs.build(root)
        #expect(!fixed.diagnostics.hasErrors, "\(fixed.diagnostics.filter { $0.severity == .error }.map { "\($0.location?.description ?? ""): \($0.message)" })")
    }
}

/// Replaces the placeholders of a scaffolded entry the way an author would.
enum Filler {
    static func fill(_ text: String, collection: CollectionSchema, exampleIDs: [String: String]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices {
            if lines[i].hasPrefix("  "), lines[i].contains("{score: <") {
                // A scores line: `  dimension: {score: <1-5>, evidence: ""}`
                lines[i] = lines[i].replacingOccurrences(of: #"<\d+-\d+>"#, with: "3", options: .regularExpression)
                    .replacingOccurrences(of: "evidence: \"\"", with: "evidence: \"Seen in the pilot.\"")
                continue
            }
            for field in collection.fields where field.required && field.type != .scores && lines[i].hasPrefix(field.name + ":") {
                lines[i] = "\(field.name): \(value(for: field, exampleIDs: exampleIDs))"
            }
        }
        return lines.joined(separator: "\n")
    }

    static func value(for field: FieldSchema, exampleIDs: [String: String]) -> String {
        switch field.type {
        case .string, .text: return "\"Some text\""
        case .number: return "0.5"
        case .integer: return "3"
        case .bool: return "true"
        case .date: return "2026-11-27"
        case .enum: return field.values[0]
        case .list:
            switch field.itemType {
            case .enum: return "[\(field.values[0])]"
            case .number, .integer: return "[1]"
            case .date: return "[2026-11-27]"
            case .bool: return "[true]"
            default: return "[\"one\", \"two\"]"
            }
        case .ref: return exampleIDs[field.collection ?? ""] ?? ""
        case .refs: return "[\(exampleIDs[field.collection ?? ""] ?? "")]"
        case .scores: return ""
        }
    }
}
