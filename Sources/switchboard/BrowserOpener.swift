import Foundation

/// `serve --open`: asks the desktop to open the hub's address. Failure (no desktop, no
/// xdg-open) is ignored; the address is printed anyway.
enum BrowserOpener {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
        process.arguments = ["open", url]
        #else
        process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
