import Foundation

/// Runs a fuzz target. Built with `-sanitize=fuzzer` and `-DFUZZING` (see `scripts/fuzz`), it
/// hands control to libFuzzer's driver; in an ordinary build it replays the files and folders
/// named on its command line, so that a crash the fuzzer found can be reproduced and debugged
/// without the fuzzer (`.build/debug/FuzzMarkdown Fuzz/regressions/FuzzMarkdown`).
///
/// Each target's `main.swift` calls `FuzzDriver.main { bytes in … }`; the closure must not keep
/// state between inputs (libFuzzer calls it millions of times in one process).
public enum FuzzDriver {
    /// The target's body. libFuzzer's callback is a C function pointer and cannot capture it.
    nonisolated(unsafe) static var body: ((UnsafeRawBufferPointer) -> Void)?

    public static func main(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        self.body = body
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, { data, size in
            FuzzDriver.body?(UnsafeRawBufferPointer(start: data.map(UnsafeRawPointer.init), count: size))
            return 0
        }))
        #else
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            for file in files(at: argument) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                data.withUnsafeBytes { body($0) }
                count += 1
            }
        }
        print("replayed \(count) inputs without a crash")
        exit(0)
        #endif
    }

    /// A file, or every regular file below a folder (sorted).
    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (FileManager.default.subpaths(atPath: path) ?? []).sorted()
        return names.map { path + "/" + $0 }.filter {
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue
        }
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

/// libFuzzer's entry point, for tools that look for it; the driver above is what runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.body?(UnsafeRawBufferPointer(start: data.map(UnsafeRawPointer.init), count: size))
    return 0
}

/// Stops the process with a message libFuzzer records as a crash: an invariant of the code
/// under test did not hold (a wrong result is a bug too, not only a trap).
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data(("invariant failed: " + message() + "\n").utf8))
        abort()
    }
}
