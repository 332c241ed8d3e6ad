import Foundation
import PackagePlugin

/// Embeds the repository's templates/ folder (the default theme) into the target as Swift
/// source, so that `switchboard init` can write it out. The folder stays the only copy of the
/// theme; every file in it is an input, so editing, adding or removing one re-embeds it.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let theme = context.package.directoryURL.appending(path: "templates").resolvingSymlinksInPath()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTheme.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [.buildCommand(
            displayName: "Embedding the default theme from templates/",
            executable: try context.tool(named: "ThemeEmbedder").url,
            arguments: [theme.path(percentEncoded: false), output.path(percentEncoded: false)],
            inputFiles: inputs.sorted { $0.path < $1.path },
            outputFiles: [output])]
    }
}
