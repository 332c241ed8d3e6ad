import Foundation

/// What the file system says about a file without reading it: device, inode, size, and the
/// modification and change times. The change time moves on every write and no tool can set
/// it back, so an equal stamp means the same bytes — provided the stamp was taken after the
/// file's last change had settled: file times tick at the kernel's clock (a few
/// milliseconds), and two writes within one tick would leave the same times. A file changed
/// less than `settleTime` before it was stamped gets no stamp, and is read again next time.
struct FileStamp: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var changedSeconds: Int
    var changedNanoseconds: Int

    static let settleTime: Double = 2

    /// The stamp of the file at `path`, or nil when it cannot be trusted (or read).
    static func settled(at path: String, now: Double = Date().timeIntervalSince1970) -> FileStamp? {
        examine(at: path, now: now)?.stamp
    }

    /// What one `stat` of the file at `path` says: its size, and its stamp when its last change
    /// has settled; nil when it is not a regular file or cannot be stat-ed.
    static func examine(at path: String, now: Double = Date().timeIntervalSince1970) -> (size: Int, stamp: FileStamp?)? {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let changedAt = Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
        guard now - changedAt > settleTime else { return (Int(info.st_size), nil) }
        return (Int(info.st_size),
                FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                          modifiedSeconds: info.st_mtim.tv_sec, modifiedNanoseconds: info.st_mtim.tv_nsec,
                          changedSeconds: info.st_ctim.tv_sec, changedNanoseconds: info.st_ctim.tv_nsec))
    }
}
