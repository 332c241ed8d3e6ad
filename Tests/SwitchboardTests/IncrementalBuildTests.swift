import Foundation
import Testing
@testable import SwitchboardKit

/// A build that reuses the cache (parsed entries, page keys) and updates the output folder in
/// place must give exactly the bytes of a clean build, after any series of changes.
@Suite("Incremental builds", .serialized)
struct IncrementalBuildTests {
    /// Builds with the cache the previous build left, then builds the same hub clean into
    /// another folder, and compares the two trees byte for byte.
    static func buildBothWays(_ hub: URL, output: URL, cache: inout BuildCache) async throws -> BuildReport {
        var options = BuildOptions()
        options.root = hub.path
        options.output = output.path
        options.cache = cache
        let incremental = await Builder.build(options)
        #expect(!incremental.diagnostics.hasErrors, "\(incremental.diagnostics.map(Hubs.summary))")
        cache = try #require(incremental.cache)

        let clean = output.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        let report = await Hubs.build(hub, output: clean)
        #expect(!report.diagnostics.hasErrors)
        let a = Hubs.snapshot(output), b = Hubs.snapshot(clean)
        #expect(a.keys.sorted() == b.keys.sorted(), "same files")
        for (path, bytes) in a where b[path] != bytes {
            Issue.record("\(path) differs from a clean build")
        }
        try? FileManager.default.removeItem(at: clean)
        return incremental
    }

    @Test func editsRenamesDeletesAndTemplateChangesMatchACleanBuild() async throws {
        let work = Hubs.temporaryDirectory("incremental")
        defer { try? FileManager.default.removeItem(at: work) }
        let hub = work.appendingPathComponent("hub")
        try FileManager.default.createDirectory(at: hub, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: Hubs.repositoryRoot.appendingPathComponent(folder), to: hub.appendingPathComponent(folder))
        }
        let output = work.appendingPathComponent("public")
        var cache = BuildCache()

        let first = try await Self.buildBothWays(hub, output: output, cache: &cache)
        #expect(first.pagesRendered > 100, "a first build renders everything")

        // Nothing changed: nothing is rendered again.
        let unchanged = try await Self.buildBothWays(hub, output: output, cache: &cache)
        #expect(unchanged.pagesRendered == 0)

        // An edit to one entry's text.
        let occupancy = hub.appendingPathComponent("content/kpis/occupancy.md")
        try (String(contentsOf: occupancy, encoding: .utf8) + "\nOne more sentence about occupancy.\n")
            .write(to: occupancy, atomically: true, encoding: .utf8)
        let edited = try await Self.buildBothWays(hub, output: output, cache: &cache)
        #expect(edited.pagesRendered >= 1 && edited.pagesRendered < 20, "an edit re-renders few pages (\(edited.pagesRendered))")

        // A title change reaches every page that shows it (backlinks, lists, related).
        let shrinkage = hub.appendingPathComponent("content/kpis/shrinkage.md")
        try String(contentsOf: shrinkage, encoding: .utf8).replacingOccurrences(of: "title: \"Shrinkage\"", with: "title: \"Shrinkage (paid time lost)\"")
            .write(to: shrinkage, atomically: true, encoding: .utf8)
        _ = try await Self.buildBothWays(hub, output: output, cache: &cache)

        // A new entry, then a rename (the old page disappears), then a delete.
        let extra = hub.appendingPathComponent("content/glossary/queue.md")
        try "---\ntitle: Queue\nsummary: Contacts waiting.\n---\n\nSee [[kpis/occupancy]].\n".write(to: extra, atomically: true, encoding: .utf8)
        _ = try await Self.buildBothWays(hub, output: output, cache: &cache)
        let renamed = hub.appendingPathComponent("content/glossary/waiting-queue.md")
        try FileManager.default.moveItem(at: extra, to: renamed)
        _ = try await Self.buildBothWays(hub, output: output, cache: &cache)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("glossary/queue/index.html").path))
        try FileManager.default.removeItem(at: renamed)
        _ = try await Self.buildBothWays(hub, output: output, cache: &cache)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("glossary/waiting-queue").path))

        // A template edit re-renders the pages that use it.
        let footer = hub.appendingPathComponent("templates/partials/footer.mustache")
        try String(contentsOf: footer, encoding: .utf8).replacingOccurrences(of: "Built with Switchboard.", with: "Built with Switchboard, incrementally.")
            .write(to: footer, atomically: true, encoding: .utf8)
        let retemplated = try await Self.buildBothWays(hub, output: output, cache: &cache)
        #expect(retemplated.pagesRendered > 100)

        // A failed build changes nothing, and the next good build still matches.
        let before = Hubs.snapshot(output)
        try "---\ntitle: [broken\n---\n".write(to: hub.appendingPathComponent("content/kpis/zz-broken.md"), atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.root = hub.path
        options.output = output.path
        options.cache = cache
        let failed = await Builder.build(options)
        #expect(failed.diagnostics.hasErrors && failed.cache == nil)
        #expect(Hubs.snapshot(output) == before)
        try FileManager.default.removeItem(at: hub.appendingPathComponent("content/kpis/zz-broken.md"))
        _ = try await Self.buildBothWays(hub, output: output, cache: &cache)
    }

    /// The fixture hub in a folder of its own, built once into `public/` there.
    static func builtFixture(_ name: String) async throws -> (work: URL, hub: URL, options: BuildOptions, first: BuildReport) {
        let work = Hubs.temporaryDirectory(name)
        let hub = try Hubs.fixtureHub(in: work)
        var options = BuildOptions()
        options.root = hub.path
        options.output = work.appendingPathComponent("public").path
        return (work, hub, options, await Builder.build(options))
    }

    @Test func theCacheSurvivesADiskRoundTrip() async throws {
        var (work, hub, options, first) = try await Self.builtFixture("cache-disk")
        defer { try? FileManager.default.removeItem(at: work) }
        let cache = try #require(first.cache)
        await cache.save(root: hub.path)
        let loaded = BuildCache.load(root: hub.path)
        #expect(!loaded.isEmpty)
        options.cache = loaded
        let second = await Builder.build(options)
        #expect(second.pagesRendered == 0)
        #expect(second.diagnostics.map(Hubs.summary) == first.diagnostics.map(Hubs.summary))
        // A corrupt cache file is ignored, not trusted.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: BuildCache.path(root: hub.path)))
        #expect(BuildCache.load(root: hub.path).isEmpty)
    }

    /// Stored entries are decoded only when a build takes them. One whose bytes do not decode
    /// (a cache file damaged inside a record, which reading the file cannot notice) makes the
    /// build load every file again: the result is a clean build's, nothing is lost.
    @Test func aStoredEntryThatDoesNotDecodeIsLoadedAgainFromItsFile() async throws {
        let (work, hub, options, first) = try await Self.builtFixture("cache-entry")
        defer { try? FileManager.default.removeItem(at: work) }
        var cache = try #require(first.cache)
        let path = try #require(cache.loads.keys.sorted().first { cache.loads[$0]?.hasEntry == true })
        let damaged = try #require(cache.loads[path])
        #expect(damaged.entry != nil)
        cache.loads[path] = BuildCache.Load(hash: damaged.hash, encodedEntry: Data([0xFF, 0xFF, 0xFF]), diagnostics: damaged.diagnostics)
        await cache.save(root: hub.path)
        let stored = BuildCache.load(root: hub.path)
        #expect(stored.loads[path]?.hasEntry == true, "the record reads as an entry")
        #expect(stored.loads[path]?.entry == nil, "but does not decode")
        // A source changes, so the build cannot stop at "nothing changed" and must take the entries.
        let anyOther = try #require(stored.loads.keys.sorted().last { $0 != path && stored.loads[$0]?.hasEntry == true })
        let file = hub.appendingPathComponent(anyOther)
        try (String(contentsOf: file, encoding: .utf8) + "\nOne more sentence.\n").write(to: file, atomically: true, encoding: .utf8)
        var cached = stored
        let report = try await Self.buildBothWays(hub, output: URL(fileURLWithPath: options.outputPath), cache: &cached)
        #expect(report.pagesWritten == first.pagesWritten)
        #expect(cached.loads[path]?.entry != nil, "the entry was loaded again")
    }

    /// A build that stores its cache writes the entries while it goes on and the rest at the
    /// end: the stored cache is the one the build reports, a build that fails leaves the old
    /// one byte for byte, and no unfinished file is left behind either way.
    @Test func aBuildStoresItsCacheOnlyWhenItSucceeds() async throws {
        var (work, hub, options, _) = try await Self.builtFixture("cache-store")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = hub.appendingPathComponent(".switchboard")
        func leftovers() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != "cache.bin" } }
        options.storesCache = true
        let stored = await Builder.build(options)
        #expect(!stored.diagnostics.hasErrors)
        let onDisk = BuildCache.load(root: hub.path)
        let reported = try #require(stored.cache)
        #expect(onDisk.loads.keys.sorted() == reported.loads.keys.sorted())
        #expect(onDisk.loads.allSatisfy { path, load in reported.loads[path]?.hash == load.hash })
        #expect(onDisk.outputs == reported.outputs && onDisk.outputID == reported.outputID)
        #expect(onDisk.sourceFingerprint == reported.sourceFingerprint && onDisk.pageCount == reported.pageCount)
        #expect(leftovers().isEmpty)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: BuildCache.path(root: hub.path)))
        try "---\ntitle: [broken\n---\n".write(to: hub.appendingPathComponent("content/kpis/zz-broken.md"), atomically: true, encoding: .utf8)
        options.cache = onDisk
        let failed = await Builder.build(options)
        #expect(failed.diagnostics.hasErrors)
        #expect(try Data(contentsOf: URL(fileURLWithPath: BuildCache.path(root: hub.path))) == bytes)
        #expect(leftovers().isEmpty)
    }
}
