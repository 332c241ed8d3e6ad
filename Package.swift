// swift-tools-version: 6.0
import Foundation
import PackageDescription

// A release build links the Swift runtime and Foundation into the tool (what `swift build
// --static-swift-stdlib` does): every retain, release and string operation is then a direct
// call instead of one through a shared library's procedure linkage table, about 7 % less CPU
// time on a large build (BENCHMARKS.md, step 14), and the binary runs on machines without a
// Swift toolchain. Our modules are compiled against the static runtime's module files too, so
// that they name the static libraries Foundation needs; lld links them (the default linker
// warns about a libc function the static Foundation uses). Debug builds (tests) stay dynamic,
// and so does every build with a toolchain that lacks the static libraries or lld.
let toolchainLinksStatically: Bool = {
    #if os(Linux)
    let files = FileManager.default
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let swiftc = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc")
        guard files.fileExists(atPath: swiftc.path) else { continue }
        let bin = swiftc.resolvingSymlinksInPath().deletingLastPathComponent()
        let staticLibraries = bin.deletingLastPathComponent().appendingPathComponent("lib/swift_static/linux")
        return files.fileExists(atPath: staticLibraries.appendingPathComponent("libFoundationEssentials.a").path)
            && files.fileExists(atPath: bin.appendingPathComponent("ld.lld").path)
    }
    #endif
    return false
}()
let staticRuntime: [SwiftSetting] = toolchainLinksStatically
    ? [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))] : []
let staticLinking: [LinkerSetting] = toolchainLinksStatically
    ? [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))] : []

let package = Package(
    name: "switchboard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .library(name: "SwitchboardKit", targets: ["SwitchboardKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Only its FlyingSocks library (async non-blocking sockets) is used, by `serve`.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // cmark is the only Markdown parser; only SwitchboardKit/Markdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "SwitchboardKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: staticRuntime
        ),
        // `serve`: dev server, file watcher, live reload; keeps the kit free of server code.
        .target(
            name: "SwitchboardServer",
            dependencies: ["SwitchboardKit", .product(name: "FlyingSocks", package: "FlyingFox")],
            swiftSettings: staticRuntime
        ),
        // `new` and `init`; the default theme (templates/) is embedded by the EmbedTheme plugin.
        .target(
            name: "SwitchboardScaffold",
            dependencies: ["SwitchboardKit"],
            swiftSettings: staticRuntime,
            plugins: ["EmbedTheme"]
        ),
        .executableTarget(name: "ThemeEmbedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardKit",
                "SwitchboardServer",
                "SwitchboardScaffold",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: staticRuntime,
            // jemalloc replaces glibc's malloc for the whole process: a build allocates and frees
            // millions of small objects across threads, where it is measurably faster
            // (BENCHMARKS.md, "The allocator"). Linking it is all it takes; no code calls it.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))] + staticLinking
        ),
        // Temporary folders that the test process removes when it exits.
        .target(name: "TestFolders", path: "Tests/TestFolders"),
        .testTarget(
            name: "SwitchboardKitTests",
            dependencies: ["SwitchboardKit", "TestFolders"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SwitchboardTests",
            dependencies: ["SwitchboardKit", "TestFolders"],
            // Fixture hubs are read from the source tree (via #filePath), not bundled.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SwitchboardServerTests",
            dependencies: [
                "SwitchboardServer",
                "SwitchboardScaffold",
                "SwitchboardKit",
                "TestFolders",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/, run by `scripts/fuzz`). Declared only when SWITCHBOARD_FUZZ=1, so
// that `swift build`, `swift test` and release builds neither build nor depend on them: they
// reach the kit's internals with `@testable import`, which only debug builds allow.
if Context.environment["SWITCHBOARD_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for name in ["FuzzFrontMatter", "FuzzMarkdown", "FuzzLinks", "FuzzVendors"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["SwitchboardKit", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
}
