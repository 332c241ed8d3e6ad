import Foundation

/// What a build remembers for the next one: each source file's loaded entry (keyed by a hash
/// of its bytes), and each output file's key (a hash of everything that produced it). With it
/// an unchanged file is not parsed again and an unchanged page is not rendered or written
/// again. `serve` keeps it in memory; `build` stores it in `.switchboard/cache.bin`.
///
/// Everything in it is checked, never trusted: a different tool, hub.yml, base URL or drafts
/// setting (`configKey`) drops the entries, and an output folder that is not the one the cache
/// describes (`outputID`, also written in the folder's marker) is rebuilt in full.
public struct BuildCache: Sendable {
    /// One loaded source file.
    struct Load: Sendable {
        var hash: UInt64
        var diagnostics: [Diagnostic]
        /// The file's identity and times when it was read, once they are old enough to be
        /// trusted (`FileStamp`); kept in memory only, so a stored cache always re-reads.
        var stamp: FileStamp? = nil
        /// The entry, or its bytes in the cache file: a stored cache is decoded entry by entry,
        /// in parallel, when a build takes the entries — not when it is read, so a build that
        /// finds nothing changed decodes none, and copies none either (the bytes are a slice of
        /// the mapped file).
        private var stored: Stored

        private enum Stored: Sendable {
            case none
            case entry(Boxed)
            case encoded(Data)
        }

        /// An entry behind a reference: loads are copied whenever a dictionary of them is walked
        /// (ten thousand at every rebuild in `serve`), and an entry is a large value.
        private final class Boxed: Sendable {
            let entry: Entry
            init(_ entry: Entry) { self.entry = entry }
        }

        init(hash: UInt64, entry: Entry?, diagnostics: [Diagnostic], stamp: FileStamp? = nil) {
            self.hash = hash
            self.diagnostics = diagnostics
            self.stamp = stamp
            stored = entry.map { .entry(Boxed($0)) } ?? .none
        }

        init(hash: UInt64, encodedEntry: Data?, diagnostics: [Diagnostic]) {
            self.hash = hash
            self.diagnostics = diagnostics
            stored = encodedEntry.map(Stored.encoded) ?? .none
        }

        var hasEntry: Bool {
            if case .none = stored { return false }
            return true
        }

        /// The entry, decoded if need be; nil if there is none or its bytes do not decode.
        var entry: Entry? {
            switch stored {
            case .none: return nil
            case .entry(let boxed): return boxed.entry
            case .encoded(let bytes):
                return bytes.withUnsafeBytes { buffer in
                    var r = ByteReader(buffer)
                    let entry = EntryCodec.read(&r)
                    return r.failed || !r.atEnd ? nil : entry
                }
            }
        }

        /// The load as one record of the cache file (`record(_:in:)` reads it back): the file's
        /// path and hash, whether there is an entry, then its length and bytes, and the
        /// diagnostics.
        func writeRecord(path: String, to w: inout ByteWriter) {
            w.string(path)
            w.uint64(hash)
            switch stored {
            case .none:
                w.bool(false)
            case .encoded(let bytes):
                w.bool(true)
                w.int(bytes.count)
                bytes.withUnsafeBytes { w.raw($0) }
            case .entry(let boxed):
                var e = ByteWriter(capacity: 2_048)
                EntryCodec.write(boxed.entry, &e)
                w.bool(true)
                w.int(e.bytes.count)
                w.raw(e.bytes)
            }
            w.array(diagnostics) { EntryCodec.diagnostic(&$0, $1) }
        }

        /// A record written by `writeRecord`; its entry stays a slice of `data`, what `r` reads.
        static func record(_ r: inout ByteReader, in data: Data) -> (path: String, load: Load) {
            let path = r.string(), hash = r.uint64()
            let entry = r.optional { r in r.skip(r.int()) }.map { data[data.startIndex + $0.lowerBound..<data.startIndex + $0.upperBound] }
            let diagnostics = r.array { EntryCodec.diagnostic(&$0) }
            return (path, Load(hash: hash, encodedEntry: entry, diagnostics: diagnostics))
        }

        /// Whether the entry is still the cache file's bytes.
        var isEncoded: Bool {
            if case .encoded = stored { return true }
            return false
        }

        /// The same load with its entry decoded once, so that later reads are free; nil if its
        /// bytes do not decode.
        var decoded: Load? {
            guard case .encoded = stored else { return self }
            guard let entry else { return nil }
            var load = self
            load.stored = .entry(Boxed(entry))
            return load
        }
    }

    /// 5: entries are stored with their length, so that reading the cache can skip them.
    /// 6: `ContentHash` takes eight bytes a step: every stored hash changed.
    /// 7: the entries come before the rest, so that a build can write them while it goes on.
    static let formatVersion: UInt64 = 7
    static let magic: [UInt8] = Array("SWBC".utf8)

    var configKey: UInt64 = 0
    var loads: [String: Load] = [:]
    /// Output path → key of the file written there.
    var outputs: [String: UInt64] = [:]
    /// Identifies the set of `outputs` (written into the output folder's marker).
    var outputID: UInt64 = 0
    /// The output files themselves, when kept in memory (`serve`).
    var files: [String: OutputFile] = [:]
    /// The linked site, when the build was made in memory (`serve`), for `BodyEditRebuild`.
    /// Never stored on disk.
    var linked: BodyEditRebuild.Linked?
    /// hub.yml and the templates as parsed by that build (in memory only).
    var parsed: ParsedInputs?
    /// A hash of every source (config, content, data, templates, assets) of the cached build:
    /// when it is unchanged and the output folder holds that build, there is nothing to do.
    var sourceFingerprint: UInt64 = 0
    /// What the cached build reported, to report it again when nothing changed.
    var diagnostics: [Diagnostic] = []
    var pageCount = 0
    var fileCount = 0
    var orphans = 0
    var tooDeep = 0

    public init() {}

    public var isEmpty: Bool { loads.isEmpty && outputs.isEmpty }

    static func outputID(of outputs: [String: UInt64]) -> UInt64 {
        ContentHash.unordered(outputs) { pair, output in
            pair.update(output.key)
            pair.update(output.value)
        }
    }

    // MARK: disk

    public static func path(root: String) -> String { root + "/.switchboard/cache.bin" }

    /// The cache stored for a hub, or an empty one if there is none or it cannot be read.
    public static func load(root: String) -> BuildCache {
        // Mapped, not copied: the cache of a large hub is large, and its entries stay where they
        // are until a build decodes them. (A cache file is only ever replaced by a rename, never
        // rewritten in place, so the mapped file does not change under the build.)
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path(root: root)), options: .alwaysMapped) else { return BuildCache() }
        return data.withUnsafeBytes { read(ByteReader($0), in: data) }
    }

    /// - Parameter data: what `reader` reads, for the entries' slices of it.
    private static func read(_ reader: ByteReader, in data: Data) -> BuildCache {
        var r = reader
        guard (0..<4).map({ _ in r.byte() }) == magic, r.uint64() == formatVersion else { return BuildCache() }
        var cache = BuildCache()
        // The entries first: they are written while the build is still making the rest (`CacheFile`).
        for (path, load) in r.array({ Load.record(&$0, in: data) }) { cache.loads[path] = load }
        cache.configKey = r.uint64()
        cache.outputID = r.uint64()
        cache.sourceFingerprint = r.uint64()
        cache.diagnostics = r.array { EntryCodec.diagnostic(&$0) }
        cache.pageCount = r.int()
        cache.fileCount = r.int()
        cache.orphans = r.int()
        cache.tooDeep = r.int()
        for (path, key) in r.array({ r in (r.string(), r.uint64()) }) { cache.outputs[path] = key }
        // Output paths of the previous build are deleted when no longer built: a cache naming
        // any path that is not a plain path inside the output (`../…`) is not a cache we wrote.
        guard cache.outputs.keys.allSatisfy(OutputFile.isSafe) else { return BuildCache() }
        return r.failed ? BuildCache() : cache
    }

    /// Stores the cache; failure (a read-only hub) only costs the next build its speed. (A
    /// build stores its own as it goes: `BuildOptions.storesCache`.)
    public func save(root: String) async {
        guard let file = CacheFile(root: root), await file.writeEntries(loads) else { return }
        file.finish(self)
    }

    /// Identifies this build of the tool, so a rebuilt `switchboard` never trusts entries its
    /// predecessor parsed: the executable's size and modification time.
    static var toolIdentity: UInt64 {
        var h = ContentHash()
        h.update("switchboard \(formatVersion)")
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            h.update(UInt64(bitPattern: Int64(info.st_size)))
            h.update(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
            h.update(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
        } else if let path = Bundle.main.executablePath,
                  let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            h.update("\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0)")
        }
        return h.value
    }
}
