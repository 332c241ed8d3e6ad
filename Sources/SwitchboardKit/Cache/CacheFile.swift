import Foundation

/// The build cache on its way to `.switchboard/cache.bin`: a temporary file of its own, which
/// takes the old cache's place only once all of it is written. The entries come first and can
/// be written while the build goes on (`Builder` starts them as soon as the loads are final,
/// while the index stage leaves a core idle); what the build made follows when it is done.
/// A cache file dropped unfinished (a failed build) is removed and leaves the old cache as it
/// was. A failed write only costs the next build its speed.
final class CacheFile: Sendable {
    private let temporary: String
    private let destination: String
    private let fd: Int32

    init?(root: String) {
        let folder = root + "/.switchboard"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Named for this store alone: two builds of one hub never write the same file.
        let temporary = folder + "/cache.bin.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }  // a read-only hub: no cache, and nothing to clean up
        self.temporary = temporary
        self.destination = BuildCache.path(root: root)
        self.fd = fd
    }

    deinit {
        close(fd)
        unlink(temporary)  // nothing left to remove once `finish` has put it in place
    }

    /// Writes the header and every load; false if a write failed or the task was cancelled.
    /// Written in pieces of a few megabytes, each while the next is encoded: one piece in flight
    /// at a time, so the cache of a large hub is never held twice.
    func writeEntries(_ loads: [String: BuildCache.Load]) async -> Bool {
        let fd = self.fd
        var ok = true
        // Pieces of about 4 MB, each written while the next is encoded. A piece has room for a
        // record more than that: one that outgrew its buffer would be copied into a buffer twice
        // the size, fresh memory the kernel must hand over a page at a time, at every piece;
        // at this size the buffer of the piece written before is used again.
        let piece = 1 << 22, room = piece + (1 << 20)
        await withTaskGroup(of: Bool.self) { writes in
            var w = ByteWriter(capacity: room)
            var inFlight = false
            func flush(force: Bool = false) async {
                guard force || w.bytes.count > piece else { return }
                guard ok else { w = ByteWriter(capacity: room); return }  // failed: the rest is dropped
                if inFlight, let written = await writes.next() { ok = ok && written }
                let bytes = w.bytes
                writes.addTask { OutputStaging.writeAll(bytes, to: fd) == nil }
                inFlight = true
                w = ByteWriter(capacity: room)
            }
            w.raw(BuildCache.magic)
            w.uint64(BuildCache.formatVersion)
            let paths = loads.keys.sorted()
            w.int(paths.count)
            for path in paths {
                // A build that ends early (with errors) cancels this: its cache is never stored.
                if Task.isCancelled { ok = false; break }
                guard let load = loads[path] else { continue }
                load.writeRecord(path: path, to: &w)
                await flush()
            }
            await flush(force: true)
            for await written in writes { ok = ok && written }
        }
        return ok
    }

    /// Writes the rest of `cache` after its entries and puts the file in place of the old cache.
    func finish(_ cache: BuildCache) {
        var w = ByteWriter(capacity: 1 << 16)
        w.uint64(cache.configKey)
        w.uint64(cache.outputID)
        w.uint64(cache.sourceFingerprint)
        w.array(cache.diagnostics) { EntryCodec.diagnostic(&$0, $1) }
        w.int(cache.pageCount)
        w.int(cache.fileCount)
        w.int(cache.orphans)
        w.int(cache.tooDeep)
        w.array(cache.outputs.keys.sorted()) { w, path in w.string(path); w.uint64(cache.outputs[path] ?? 0) }
        guard OutputStaging.writeAll(w.bytes, to: fd) == nil else { return }
        _ = rename(temporary, destination)
    }
}
