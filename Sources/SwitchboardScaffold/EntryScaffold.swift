import Foundation
import SwitchboardKit

/// `switchboard new <collection> "Title"`: a new entry whose front matter follows the
/// collection's schema, written where the build will find it, never over an existing file.
public enum EntryScaffold {
    public enum Problem: Error, Sendable, Equatable {
        /// content/hub.yml is missing or cannot be read as a hub configuration.
        case noHub([Diagnostic])
        case unknownCollection(String, known: [String], hint: String?)
        /// The title has no letters or digits to make a file name from.
        case emptySlug(String)
        case exists(String)
        case cannotWrite(String, reason: String)

        public var message: String {
            switch self {
            case .noHub(let diagnostics):
                return diagnostics.first.map { "cannot read content/hub.yml: \($0.message)" } ?? "cannot read content/hub.yml"
            case .unknownCollection(let name, let known, let hint):
                return "there is no collection '\(name)'" + (hint.map { "; \($0)" } ?? "")
                    + (known.isEmpty ? " (hub.yml declares none)" : " (collections: \(known.joined(separator: ", ")))")
            case .emptySlug(let title):
                return "cannot make a file name from '\(title)': give the title some letters or digits"
            case .exists(let path):
                return "\(path) exists already; not overwriting it (choose another title, or edit that file)"
            case .cannotWrite(let path, let reason):
                return "cannot write \(path): \(reason)"
            }
        }
    }

    /// Creates the entry and returns its path relative to the hub root
    /// (`content/kpis/cost-per-resolution.md`).
    public static func create(root: String, collection name: String, title: String) -> Result<String, Problem> {
        let configPath = root + "/" + HubConfigLoader.path
        guard let data = FileManager.default.contents(atPath: configPath) else {
            return .failure(.noHub([.error(.missingHubConfig, "no content/hub.yml: '\(root)' is not a Switchboard hub",
                                           at: SourceLocation(file: HubConfigLoader.path),
                                           hint: "run the command in a hub's root, pass --source DIR, or create one with `switchboard init DIR`")]))
        }
        let (loaded, diagnostics) = HubConfigLoader.load(text: String(decoding: data, as: UTF8.self))
        guard let config = loaded else { return .failure(.noHub(diagnostics.filter { $0.severity == .error })) }
        let names = config.collections.map(\.name)
        guard let collection = config.collection(named: name) else {
            return .failure(.unknownCollection(name, known: names, hint: Suggestions.didYouMean(name, in: names)))
        }
        let slug = Slug.make(title)
        guard !slug.isEmpty else { return .failure(.emptySlug(title)) }

        let relative = "content/\(collection.folder)/\(slug).md"
        let path = root + "/" + relative
        guard !FileManager.default.fileExists(atPath: path) else { return .failure(.exists(relative)) }
        let text = frontMatter(title: title, collection: collection, config: config,
                               exampleIDs: exampleIDs(root: root, config: config),
                               rubric: collection.fields.contains { $0.type == .scores } ? RubricOutline.read(root: root, config: config) : [:])
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Fails rather than replaces, should the file appear after the check above.
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: path) { return .failure(.exists(relative)) }
            return .failure(.cannotWrite(relative, reason: error.localizedDescription))
        }
        return .success(relative)
    }

    /// The whole file: front matter from the schema, then a line of body to replace.
    ///
    /// - Parameters:
    ///   - exampleIDs: an existing entry id per collection name, shown in ref comments.
    ///   - rubric: per assessment id, its dimension ids and scale, for `scores` fields.
    static func frontMatter(title: String, collection: CollectionSchema, config: HubConfig,
                            exampleIDs: [String: String], rubric: [String: RubricOutline]) -> String {
        var lines = ["---", "title: \(quoted(title))"]
        lines.append(commented("summary:", "one sentence for listings, search results and the page's description"))
        lines.append(commented("# tags: [<tag>, <tag>]", "optional · a list of tags"))
        if collection.sort == .weight {
            lines.append(commented("# weight: <whole number>", "optional · the place in the \(collection.name) list, lowest first"))
        }
        for field in collection.fields {
            let placeholder = FieldPlaceholder(field, exampleID: field.collection.flatMap { exampleIDs[$0] })
            if field.type == .scores, field.required, let assessment = field.assessment, let outline = rubric[assessment] {
                lines.append(commented("\(field.name):", "required · a score from \(outline.scale.lowerBound) to \(outline.scale.upperBound) per dimension of \(outline.file), with the evidence for it"))
                for dimension in outline.dimensions {
                    lines.append("  \(dimension): {score: <\(outline.scale.lowerBound)-\(outline.scale.upperBound)>, evidence: \"\"}")
                }
            } else if field.required {
                let value = placeholder.required.isEmpty ? "\(field.name):" : "\(field.name): \(placeholder.required)"
                lines.append(commented(value, "required · " + placeholder.description))
            } else {
                lines.append(commented("# \(field.name): \(placeholder.example)", "optional · " + placeholder.description))
            }
        }
        lines.append("---")
        lines.append("")
        lines.append("Write about \(title) here. Link to other pages with wikilinks like `[[collection/entry-id]]`")
        lines.append("or with relative links to their files like `[text](../collection/entry-id.md)`.")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// `key: value` and a comment, the comments of a file lined up.
    static func commented(_ text: String, _ comment: String) -> String {
        let width = 34
        let padding = text.count < width ? String(repeating: " ", count: width - text.count) : "  "
        return text + padding + "# " + comment
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// The first entry (by file name) of each collection, as an id to show in comments.
    static func exampleIDs(root: String, config: HubConfig) -> [String: String] {
        var ids: [String: String] = [:]
        for collection in config.collections {
            let folder = root + "/content/" + collection.folder
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let first = names.filter({ $0.hasSuffix(".md") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }).sorted().first {
                ids[collection.name] = collection.name + "/" + Slug.make(String(first.dropLast(3)))
            }
        }
        return ids
    }
}
