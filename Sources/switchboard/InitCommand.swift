import ArgumentParser
import SwitchboardScaffold

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new hub: hub.yml, a sample entry per collection and the default theme.")

    @Argument(help: "The folder to create the hub in; it must be new or empty.")
    var directory: String

    func run() throws {
        let terminal = Terminal()
        switch HubScaffold.create(at: directory) {
        case .success(let files):
            terminal.error("created a hub in \(directory) (\(files.count) files). Next:")
            terminal.error("  cd \(directory) && switchboard serve")
        case .failure(let problem):
            terminal.error("switchboard: " + problem.message)
            throw ExitCode(1)
        }
    }
}
