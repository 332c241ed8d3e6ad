import ArgumentParser
import SwitchboardScaffold

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create an entry with front matter from its collection's schema.",
        discussion: """
            Writes content/<collection>/<slug>.md with the title, then every field of the \
            collection: required ones with a placeholder to replace, optional ones commented \
            out, each with a comment naming its type and allowed values. Never overwrites.
            """)

    @Option(name: .long, help: "The hub root, holding content/ and templates/ (default: current folder).")
    var source: String = "."

    @Argument(help: "The collection, as named in hub.yml (kpis, playbooks, …).")
    var collection: String

    @Argument(help: "The entry's title; the file name is made from it.")
    var title: String

    func run() throws {
        let terminal = Terminal()
        switch EntryScaffold.create(root: source, collection: collection, title: title) {
        case .success(let path):
            print(path)
            terminal.error("created \(path): replace the placeholders, then run `switchboard check`")
        case .failure(let problem):
            terminal.error("switchboard: " + problem.message)
            if case .noHub = problem { throw ExitCode(2) }
            throw ExitCode(1)
        }
    }
}
