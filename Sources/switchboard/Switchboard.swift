import ArgumentParser
import Foundation
import SwitchboardKit

/// The command-line entry point. Exit codes: 0 clean, 1 content errors, 2 usage or
/// environment errors (ArgumentParser's own usage errors are mapped to 2 as well).
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Build cross-linked knowledge hubs and playbooks from Markdown.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self])

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by `build` and `check`.
struct HubOptions: ParsableArguments {
    @Option(name: .long, help: "The hub root, holding content/ and templates/ (default: current folder).")
    var source: String = "."

    @Option(name: .long, help: "Override base_url from hub.yml, e.g. https://example.org/cx-hub/.")
    var baseURL: String?

    @Flag(name: .long, help: "Include entries marked draft: true.")
    var drafts = false

    @Option(name: .long, help: "How to print diagnostics: human, github or json.")
    var format: DiagnosticFormat = .human

    @Flag(name: .long, help: "Treat warnings as errors (exit 1 if there are any).")
    var warningsAsErrors = false

    @Flag(name: [.short, .long], help: "Print the time each stage took.")
    var verbose = false

    @Flag(name: .long, help: "Ignore the build cache in .switchboard/ and rebuild everything.")
    var noCache = false
}

extension DiagnosticFormat: ExpressibleByArgument {}

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the hub into the output folder.")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "Where to write the site (default: public/ in the hub root).")
    var output: String?

    func run() async throws {
        try await Runner.run(command: "build", hub: hub, output: output, write: true)
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the hub (schema, links, templates, hub health) without writing anything.")

    @OptionGroup var hub: HubOptions

    func run() async throws {
        try await Runner.run(command: "check", hub: hub, output: nil, write: false)
    }
}
