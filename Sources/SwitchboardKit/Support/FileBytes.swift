#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes, read with one `open`, one `fstat` and, for a file that does not change
/// while it is read, one `read` that fills the array in place. `FileManager.contents(atPath:)`
/// does more per file and gives `Data`, which callers then copied into an array: a build reads
/// every Markdown file of the hub, and even a build that finds nothing changed hashes them all.
/// Every read of a hub's file as bytes goes through here (`serve` too, for copied files).
public enum FileBytes {
    /// Nil when the file cannot be opened or read, or is not a regular file (a FIFO would block).
    public static func contents(of path: String) -> [UInt8]? {
        // Not blocking, so that opening a FIFO returns at once (to be refused below); reading a
        // regular file is the same either way.
        // (`withCString`: a String passed straight to C is first copied into an array.)
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        // One byte more than the size, so that a single read also finds the end of the file.
        let capacity = max(Int(info.st_size), 0) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n > 0 { count += n; continue }
                if n < 0 && errno == EINTR { continue }
                failed = n < 0
                return
            }
        }
        guard !failed else { return nil }
        // The file grew after it was stat-ed: the rest, to its end.
        if bytes.count == capacity {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n > 0 { bytes += chunk[..<n]; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return nil }
                break
            }
        }
        return bytes
    }
}
